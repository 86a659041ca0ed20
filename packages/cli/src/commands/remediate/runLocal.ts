import {
  FINISHED_REMEDIATION_STATUSES,
  Remediation,
} from '@agentic-devops/plugin-remediation-common';
import path from 'node:path';
import { connectToPortal, PortalOptions } from '../../lib/portalConnection';

type Out = (line: string) => void;

/** Statuses after which the agent does nothing more without a person. */
const SETTLED = new Set<string>([
  ...FINISHED_REMEDIATION_STATUSES,
  'awaiting_approval',
]);

export function describeRemediation(r: Remediation): string[] {
  const d = r.diagnosis;
  return [
    `${r.jobName}: ${r.status}${
      r.error && r.status === 'failed' ? ` — ${r.error}` : ''
    }`,
    ...(d
      ? [
          `  cause:      ${d.category}${
            d.playbookId ? ` (${d.playbookId})` : ''
          }, risk ${d.riskLevel}`,
          `  root cause: ${d.rootCause}`,
        ]
      : []),
    ...(r.summary ? [`  done:       ${r.summary}`] : []),
    ...(r.branch ? [`  branch:     ${r.branch}`] : []),
    ...(r.mergeRequestUrl ? [`  merge request: ${r.mergeRequestUrl}`] : []),
    `  record:     ${r.id}`,
  ];
}

/**
 * Runs a local repository's pipeline through the portal's local runner and
 * follows each failure's remediation until it settles. True when the
 * pipeline passed or every failure was fixed.
 */
export async function runLocal(
  repoDir: string,
  options: PortalOptions & {
    ref?: string;
    entity?: string;
    wait: boolean;
    json?: boolean;
    timeoutMs?: number;
    pollMs?: number;
  },
  out: Out,
): Promise<boolean> {
  const c = await connectToPortal(options);
  const repository = path.resolve(repoDir);
  if (!options.json) out(`Running the pipeline of ${repository} …`);
  const started = await c.remediation.startLocal(
    { repoDir: repository, ref: options.ref, entityRef: options.entity },
    { token: c.token },
  );
  const { pipeline } = started;
  if (!options.json) {
    out(`Pipeline ${pipeline.id} on ${pipeline.ref}: ${pipeline.status}`);
  }
  let remediations = started.remediations;
  const seen = new Map<string, string>();
  const report = (r: Remediation) => {
    if (options.json || seen.get(r.id) === r.status) return;
    seen.set(r.id, r.status);
    describeRemediation(r).forEach(out);
  };
  remediations.forEach(report);

  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  while (
    options.wait &&
    remediations.some(r => !SETTLED.has(r.status)) &&
    Date.now() < deadline
  ) {
    await new Promise(r => setTimeout(r, options.pollMs ?? 1000));
    remediations = await Promise.all(
      remediations.map(r =>
        c.remediation.getRemediation(r.id, { token: c.token }),
      ),
    );
    remediations.forEach(report);
  }
  if (options.json) out(JSON.stringify({ pipeline, remediations }));
  return (
    pipeline.status === 'success' ||
    (remediations.length > 0 && remediations.every(r => r.status === 'fixed'))
  );
}
