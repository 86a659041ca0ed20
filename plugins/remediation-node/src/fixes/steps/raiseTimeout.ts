import { z } from 'zod';
import { FixNotApplicableError, FixStepType, FixWorkspace } from '../types';
import { readCiFile, targetJobs, writeCiFile, CI_FILE } from './gitlabCi';

const params = z.object({
  /** job: the CI job's `timeout`; test: the test runner's per-test timeout. */
  scope: z.enum(['job', 'test']),
  /** The job whose timeout to raise (default: all jobs). */
  job: z.string().optional(),
  factor: z.number().min(1.1).max(4).default(2),
});
type Params = z.infer<typeof params>;

const MAX_JOB_MINUTES = 180;

/** GitLab's duration strings: "1h 30m", "90 minutes", "3600" (seconds). */
export function parseGitlabDuration(value: string): number | undefined {
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text) / 60;
  let minutes = 0;
  let matched = false;
  for (const [, n, unit] of text.matchAll(
    /(\d+(?:\.\d+)?)\s*(h|hr|hours?|m|min|minutes?|s|sec|seconds?)\b/g,
  )) {
    matched = true;
    const value2 = Number(n);
    minutes += unit.startsWith('h')
      ? value2 * 60
      : unit.startsWith('m')
      ? value2
      : value2 / 60;
  }
  return matched ? minutes : undefined;
}

async function raiseJobTimeout(p: Params, ws: FixWorkspace) {
  const doc = await readCiFile(ws);
  const changed: string[] = [];
  for (const job of targetJobs(doc, p.job)) {
    const current = doc.getIn([job, 'timeout']);
    const minutes =
      (typeof current === 'string' && parseGitlabDuration(current)) || 60;
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

async function raiseTestTimeout(p: Params, ws: FixWorkspace) {
  // Jest: testTimeout in jest.config.* or package.json; pytest-timeout: pytest.ini.
  const pkgText = await ws.readFile('package.json');
  if (pkgText !== undefined) {
    const pkg = JSON.parse(pkgText);
    if (
      pkg.jest !== undefined ||
      pkg.devDependencies?.jest ||
      pkg.dependencies?.jest
    ) {
      const current = Number(pkg.jest?.testTimeout ?? 5000);
      const raised = Math.ceil(current * p.factor);
      pkg.jest = { ...(pkg.jest ?? {}), testTimeout: raised };
      await ws.writeFile('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
      return {
        changedFiles: ['package.json'],
        summary: `Raised Jest's testTimeout from ${current} to ${raised} ms`,
      };
    }
  }
  const ini = await ws.readFile('pytest.ini');
  if (ini !== undefined) {
    const m = /^timeout\s*=\s*(\d+)/m.exec(ini);
    const current = m ? Number(m[1]) : 60;
    const raised = Math.ceil(current * p.factor);
    const updated = m
      ? ini.replace(m[0], `timeout = ${raised}`)
      : ini.replace(/^\[pytest\]\s*$/m, `[pytest]\ntimeout = ${raised}`);
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
