import { z } from 'zod';
import { FixNotApplicableError, FixStepType, FixWorkspace } from '../types';
import { readCiFile, targetJobs, writeCiFile, CI_FILE } from './gitlabCi';
import { toJsonFile } from './json';

const params = z.object({
  /** job: the CI job's `timeout`; test: the test runner's per-test timeout. */
  scope: z.enum(['job', 'test']),
  /** The job whose timeout to raise (default: all jobs). */
  job: z.string().optional(),
  factor: z.number().min(1.1).max(4).default(2),
});
type Params = z.infer<typeof params>;

const MAX_JOB_MINUTES = 180;

/** GitLab's duration strings: "1h 30m", "2h30m", "90 minutes", "3600" (seconds). */
export function parseGitlabDuration(value: string): number | undefined {
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text) / 60;
  const minutesPer: Record<string, number> = {
    w: 7 * 24 * 60,
    d: 24 * 60,
    h: 60,
    m: 1,
    s: 1 / 60,
  };
  let minutes = 0;
  let matched = false;
  for (const [, n, unit] of text.matchAll(
    /(\d+(?:\.\d+)?)\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/g,
  )) {
    matched = true;
    minutes += Number(n) * minutesPer[unit[0]];
  }
  return matched ? minutes : undefined;
}

/** A job's timeout in minutes, as GitLab reads a string (or a number of seconds). */
function timeoutMinutes(value: unknown): number | undefined {
  if (typeof value === 'number' && value > 0) return value / 60;
  return typeof value === 'string' ? parseGitlabDuration(value) : undefined;
}

async function raiseJobTimeout(p: Params, ws: FixWorkspace) {
  const doc = await readCiFile(ws);
  const changed: string[] = [];
  for (const job of targetJobs(doc, p.job)) {
    const minutes =
      timeoutMinutes(doc.getIn([job, 'timeout'])) ??
      timeoutMinutes(doc.getIn(['default', 'timeout'])) ??
      60;
    const raised = Math.min(MAX_JOB_MINUTES, Math.ceil(minutes * p.factor));
    if (raised <= minutes) continue;
    doc.setIn([job, 'timeout'], `${raised} minutes`);
    changed.push(`${job}: ${Math.round(minutes)} → ${raised} minutes`);
  }
  if (!changed.length)
    throw new FixNotApplicableError(
      `job timeouts are already at the ${MAX_JOB_MINUTES}-minute cap`,
    );
  await writeCiFile(ws, doc);
  return {
    changedFiles: [CI_FILE],
    summary: `Raised the job timeout in ${CI_FILE} (${changed.join(', ')})`,
  };
}

const JEST_CONFIGS = [
  'jest.config.js',
  'jest.config.ts',
  'jest.config.mjs',
  'jest.config.cjs',
  'jest.config.json',
];
const JEST_DEFAULT_MS = 5000;

async function raiseJestConfigTimeout(
  p: Params,
  ws: FixWorkspace,
  file: string,
  text: string,
) {
  // `testTimeout: 8000` (JavaScript) or `"testTimeout": 8000` (JSON).
  const setting = /(["']?testTimeout["']?\s*:\s*)(\d+)/.exec(text);
  let current = JEST_DEFAULT_MS;
  let updated: string;
  if (setting) {
    current = Number(setting[2]);
    updated = `${text.slice(0, setting.index)}${setting[1]}${Math.ceil(
      current * p.factor,
    )}${text.slice(setting.index + setting[0].length)}`;
  } else if (file.endsWith('.json')) {
    updated = toJsonFile(
      { ...JSON.parse(text), testTimeout: Math.ceil(current * p.factor) },
      text,
    );
  } else {
    // Code is not edited blindly; Jest refuses a second configuration.
    throw new FixNotApplicableError(
      `${file} sets no testTimeout to raise; set it there`,
    );
  }
  const raised = Math.ceil(current * p.factor);
  await ws.writeFile(file, updated);
  return {
    changedFiles: [file],
    summary: `Raised Jest's testTimeout from ${current} to ${raised} ms in ${file}`,
  };
}

async function raiseTestTimeout(p: Params, ws: FixWorkspace) {
  // Jest: testTimeout in jest.config.* or package.json; pytest-timeout: pytest.ini.
  for (const file of JEST_CONFIGS) {
    const text = await ws.readFile(file);
    if (text !== undefined) return raiseJestConfigTimeout(p, ws, file, text);
  }
  const pkgText = await ws.readFile('package.json');
  if (pkgText !== undefined) {
    const pkg = JSON.parse(pkgText);
    if (
      pkg.jest !== undefined ||
      pkg.devDependencies?.jest ||
      pkg.dependencies?.jest
    ) {
      const current = Number(pkg.jest?.testTimeout ?? JEST_DEFAULT_MS);
      const raised = Math.ceil(current * p.factor);
      pkg.jest = { ...(pkg.jest ?? {}), testTimeout: raised };
      await ws.writeFile('package.json', toJsonFile(pkg, pkgText));
      return {
        changedFiles: ['package.json'],
        summary: `Raised Jest's testTimeout from ${current} to ${raised} ms`,
      };
    }
  }
  const ini = await ws.readFile('pytest.ini');
  if (ini !== undefined) {
    const m = /^timeout[ \t]*=[ \t]*(\d+)/m.exec(ini);
    const current = m ? Number(m[1]) : 60;
    const raised = Math.ceil(current * p.factor);
    const updated = m
      ? ini.replace(m[0], `timeout = ${raised}`)
      : ini.replace(/^\[pytest\][ \t]*$/m, `[pytest]\ntimeout = ${raised}`);
    if (updated === ini)
      throw new FixNotApplicableError('pytest.ini has no [pytest] section');
    await ws.writeFile('pytest.ini', updated);
    return {
      changedFiles: ['pytest.ini'],
      summary: `Raised pytest's timeout from ${current} to ${raised} s`,
    };
  }
  throw new FixNotApplicableError(
    'no Jest or pytest configuration to raise a test timeout in',
  );
}

/** Gives a job (or the tests) more time, within a cap. */
export const raiseTimeoutStep: FixStepType<Params> = {
  type: 'raise-timeout',
  title: 'Raise a timeout',
  parameters: params,
  kind: 'change',
  describe: p =>
    p.scope === 'job'
      ? `Raise the ${p.job ? `'${p.job}' ` : ''}job timeout ×${
          p.factor
        } in ${CI_FILE}`
      : `Raise the per-test timeout ×${p.factor}`,
  apply: ({ params: p, workspace }) =>
    p.scope === 'job'
      ? raiseJobTimeout(p, workspace)
      : raiseTestTimeout(p, workspace),
};
