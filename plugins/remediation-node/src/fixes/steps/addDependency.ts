import { z } from 'zod';
import { pythonDistributionFor } from '../pythonDistributions';
import { FixNotApplicableError, FixStepType } from '../types';

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

const DEV_PACKAGES =
  /^(@types\/|jest|ts-jest|@jest\/|eslint|prettier|typescript$|vitest|mocha|chai|@testing-library\/|supertest|nodemon|ts-node)/;

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
            .split(/[<>=!~;\[ ]/)[0],
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
  const deps =
    pyproject && /^dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(pyproject);
  if (pyproject && deps) {
    if (declared(deps[1].replace(/["',]/g, '\n'))) {
      throw new FixNotApplicableError(`${dist} is already in pyproject.toml`);
    }
    const items = deps[1].trimEnd();
    const updated = `dependencies = [${items}${
      items.trim() && !items.trim().endsWith(',') ? ',' : ''
    }\n    "${requirement}",\n]`;
    await ws.writeFile('pyproject.toml', pyproject.replace(deps[0], updated));
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
  const indent = /^\{\n(\s+)"/.exec(text)?.[1] ?? '  ';
  await ws.writeFile('package.json', `${JSON.stringify(pkg, null, indent)}\n`);
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
