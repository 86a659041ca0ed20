import { createHash } from 'node:crypto';
import { Diagnosis } from '@agentic-devops/plugin-remediation-common';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';

const sha256 = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

const planOf = (diagnosis: Diagnosis) =>
  diagnosis.fix?.steps.map(s => ({ type: s.type, with: s.with })) ?? null;

/**
 * A failure's identity across pipelines: the same job of the same project
 * and ref, failing for the same cause with the same fix. Attempts are
 * counted per fingerprint.
 */
export function failureFingerprint(job: FailedJob, diagnosis: Diagnosis) {
  return sha256([
    job.source,
    job.project,
    job.ref,
    job.jobName,
    diagnosis.category,
    diagnosis.playbookId,
    planOf(diagnosis) ?? diagnosis.facts ?? null,
  ]);
}

/**
 * The fix's branch: named by what it changes, not by the job, so that two
 * jobs failing for one cause share one branch and one merge request.
 */
export function fixBranchName(
  prefix: string,
  job: FailedJob,
  diagnosis: Diagnosis,
) {
  const hash = sha256([job.source, job.project, job.ref, planOf(diagnosis)]);
  return `${prefix}/${diagnosis.category.replace(/_/g, '-')}-${hash.slice(
    0,
    10,
  )}`;
}
