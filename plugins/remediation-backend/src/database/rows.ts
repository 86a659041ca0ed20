import {
  Diagnosis,
  EvidenceLine,
  Remediation,
} from '@agentic-devops/plugin-remediation-common';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { StoredRemediation } from './RemediationStore';

// Row shape of the migration. Times are epoch ms; PostgreSQL returns bigint
// columns as strings, hence Number().

export type RemediationRow = {
  id: string;
  source: FailedJob['source'];
  project: string;
  job_id: string;
  pipeline_id: string;
  job_name: string;
  ref: string;
  commit_sha: string | null;
  job_url: string | null;
  pipeline_url: string | null;
  entity_ref: string | null;
  entity_owner_ref: string | null;
  status: Remediation['status'];
  category: string | null;
  diagnosis: string | null;
  log_tail: string | null;
  fingerprint: string | null;
  attempt: number;
  branch: string | null;
  merge_request_url: string | null;
  verify_pipeline_id: string | null;
  verify_pipeline_url: string | null;
  approval: string | null;
  workflow_ids: string;
  summary: string | null;
  error: string | null;
  failed_at: number | string;
  created_at: number | string;
  updated_at: number | string;
  resolved_at: number | string | null;
};

export type FixRow = {
  fingerprint: string;
  attempts: number;
  branch: string | null;
  merge_request_url: string | null;
  last_remediation_id: string | null;
  created_at: number | string;
  updated_at: number | string;
};

const iso = (value: number | string | null) =>
  value === null ? undefined : new Date(Number(value)).toISOString();

const opt = <T>(value: T | null): T | undefined =>
  value === null ? undefined : value;

export const MAX_ATTEMPTS_DEFAULT = 3;

export function toStoredRemediation(
  row: RemediationRow,
  maxAttempts: number,
): StoredRemediation {
  const job: FailedJob = {
    source: row.source,
    project: row.project,
    pipelineId: row.pipeline_id,
    jobId: row.job_id,
    jobName: row.job_name,
    ref: row.ref,
    commitSha: opt(row.commit_sha),
    jobUrl: opt(row.job_url),
    pipelineUrl: opt(row.pipeline_url),
    failedAt: iso(row.failed_at),
  };
  return {
    id: row.id,
    source: row.source,
    project: row.project,
    entityRef: opt(row.entity_ref),
    entityOwnerRef: opt(row.entity_owner_ref),
    ref: row.ref,
    commitSha: opt(row.commit_sha),
    pipelineId: row.pipeline_id,
    pipelineUrl: opt(row.pipeline_url),
    jobId: row.job_id,
    jobName: row.job_name,
    jobUrl: opt(row.job_url),
    status: row.status,
    diagnosis: row.diagnosis
      ? (JSON.parse(row.diagnosis) as Diagnosis)
      : undefined,
    fingerprint: opt(row.fingerprint),
    attempt: Number(row.attempt),
    maxAttempts,
    branch: opt(row.branch),
    mergeRequestUrl: opt(row.merge_request_url),
    verifyPipelineId: opt(row.verify_pipeline_id),
    verifyPipelineUrl: opt(row.verify_pipeline_url),
    approval: row.approval ? JSON.parse(row.approval) : undefined,
    workflowIds: JSON.parse(row.workflow_ids),
    summary: opt(row.summary),
    error: opt(row.error),
    failedAt: iso(row.failed_at)!,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    resolvedAt: iso(row.resolved_at),
    job,
    logTail: row.log_tail ? (JSON.parse(row.log_tail) as EvidenceLine[]) : [],
  };
}

/** The public record: what the API and the portal show. */
export function toRemediation(stored: StoredRemediation): Remediation {
  const { job: _job, logTail: _tail, entityOwnerRef: _owner, ...rest } = stored;
  return rest;
}
