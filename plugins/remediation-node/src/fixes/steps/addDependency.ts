import { z } from 'zod';
import { pythonDistributionFor } from '../pythonDistributions';
import { FixNotApplicableError, FixStepType } from '../types';
import { toJsonFile } from './json';

const params = z.object({
  ecosystem: z.enum(['python', 'npm']),
  /** Python: the module that failed to import; npm: the package (or a path inside it). */
  name: z
    .string()
    .min(1)
    .regex(/^[@A-Za-z0-9_./-]+$/, 'a module or package name'),
  version: z.string().optional(),
});
type Params = z.infer<typeof params>;

/** Test and build tools (and their plugins): `jest`, `jest-*`, `@types/*`, not `jester`. */
const DEV_PACKAGES =
  /^(?:@types\/|@jest\/|@testing-library\/|@vitest\/|@typescript-eslint\/|@eslint\/|typescript$|(?:jest|ts-jest|eslint|prettier|vitest|mocha|chai|supertest|nodemon|ts-node)(?:$|-))/;

/** `lodash/fp` → `lodash`; `@scope/pkg/sub` → `@scope/pkg`. */
function npmPackageOf(name: string): string {
  const parts = name.split('/');
  return name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function dependencyName(p: Params): string {
  return p.ecosystem === 'python'
    ? pythonDistributionFor(p.name)
    : npmPackageOf(p.name);
}

/**
 * The `dependencies = [...]` array of a pyproject.toml: where its brackets
 * are, its string values, and where a comma must go after the last value
 * (undefined when none must). Strings and comments may hold brackets
 * (`"uvicorn[standard]"`, `# see [docs]`).
 */
function dependencyList(
  toml: string,
):
  | { open: number; close: number; values: string[]; needsComma?: number }
  | undefined {
  const start = /^dependencies\s*=\s*\[/m.exec(toml);
  if (!start) return undefined;
  const open = start.index + start[0].length - 1;
  const values: string[] = [];
  let afterLastValue: number | undefined;
  let comma = false;
  for (let i = open + 1; i < toml.length; i++) {
    const c = toml[i];
    if (c === '"' || c === "'") {
      let end = i + 1;
      while (end < toml.length && toml[end] !== c && toml[end] !== '\n') {
        end += c === '"' && toml[end] === '\\' ? 2 : 1;
      }
      values.push(toml.slice(i + 1, end));
      i = end;
      afterLastValue = end + 1;
      comma = false;
    } else if (c === '#') {
      while (i + 1 < toml.length && toml[i + 1] !== '\n') i += 1;
    } else if (c === ',') {
      comma = true;
    } else if (c === ']') {
      return {
        open,
        close: i,
        values,
        needsComma:
          afterLastValue !== undefined && !comma ? afterLastValue : undefined,
      };
    }
  }
  return undefined;
}

async function addPython(
  p: Params,
  ws: Parameters<FixStepType['apply']>[0]['workspace'],
) {
  const dist = dependencyName(p);
  const requirement = p.version ? `${dist}==${p.version}` : dist;
  const normal = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');
  const declared = (text: string) =>
    text
      .split('\n')
      .map(
        l =>
          l
            .replace(/#.*/, '')
            .trim()
            .split(/[\s<>=!~;[@]/)[0],
      )
      .some(n => n && normal(n) === normal(dist));

  const requirements = await ws.readFile('requirements.txt');
  if (requirements !== undefined) {
    if (declared(requirements)) {
      throw new FixNotApplicableError(`${dist} is already in requirements.txt`);
    }
    const sep = requirements === '' || requirements.endsWith('\n') ? '' : '\n';
    await ws.writeFile(
      'requirements.txt',
      `${requirements}${sep}${requirement}\n`,
    );
    return {
      changedFiles: ['requirements.txt'],
      summary: `Added ${requirement} to requirements.txt`,
    };
  }
  const pyproject = await ws.readFile('pyproject.toml');
  const list = pyproject === undefined ? undefined : dependencyList(pyproject);
  if (pyproject !== undefined && list) {
    if (declared(list.values.join('\n'))) {
      throw new FixNotApplicableError(`${dist} is already in pyproject.toml`);
    }
    const { open, close, needsComma } = list;
    const items =
      needsComma === undefined
        ? pyproject.slice(open + 1, close)
        : `${pyproject.slice(open + 1, needsComma)},${pyproject.slice(
            needsComma,
            close,
          )}`;
    await ws.writeFile(
      'pyproject.toml',
      `${pyproject.slice(
        0,
        open + 1,
      )}${items.trimEnd()}\n    "${requirement}",\n]${pyproject.slice(
        close + 1,
      )}`,
    );
    return {
      changedFiles: ['pyproject.toml'],
      summary: `Added ${requirement} to pyproject.toml`,
    };
  }
  throw new FixNotApplicableError(
    'no requirements.txt or pyproject.toml with a dependencies list',
  );
}

async function addNpm(
  p: Params,
  ws: Parameters<FixStepType['apply']>[0]['workspace'],
) {
  const pkgName = dependencyName(p);
  const text = await ws.readFile('package.json');
  if (text === undefined) throw new FixNotApplicableError('no package.json');
  const pkg = JSON.parse(text);
  if (pkg.dependencies?.[pkgName] || pkg.devDependencies?.[pkgName]) {
    throw new FixNotApplicableError(`${pkgName} is already in package.json`);
  }
  const field = DEV_PACKAGES.test(pkgName) ? 'devDependencies' : 'dependencies';
  pkg[field] = Object.fromEntries(
    Object.entries({ ...(pkg[field] ?? {}), [pkgName]: p.version ?? '*' }).sort(
      ([a], [b]) => a.localeCompare(b),
    ),
  );
  await ws.writeFile('package.json', toJsonFile(pkg, text));
  return {
    changedFiles: ['package.json'],
    summary: `Added ${pkgName} to ${field} in package.json (update the lock file with npm install)`,
  };
}

/** Declares a missing dependency under its distribution name (`yaml` → PyYAML). */
export const addDependencyStep: FixStepType<Params> = {
  type: 'add-dependency',
  title: 'Add a dependency',
  parameters: params,
  kind: 'change',
  describe: p =>
    p.ecosystem === 'python'
      ? `Add ${dependencyName(p)} (for import ${
          p.name
        }) to the Python requirements`
      : `Add ${dependencyName(p)} to package.json`,
  apply: ({ params: p, workspace }) =>
    p.ecosystem === 'python' ? addPython(p, workspace) : addNpm(p, workspace),
};
