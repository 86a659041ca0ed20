import {
  Diagnosis,
  EvidenceLine,
  Remediation,
  RemediationStats,
  RemediationStatus,
} from '@agentic-devops/plugin-remediation-common';
import { Page } from '@agentic-devops/plugin-agentic-common';
import { RefQuery } from '@agentic-devops/plugin-agentic-node';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';

/** What a permission condition can filter remediations on (see permissions/rules.ts). */
export type RemediationQuery = RefQuery<'entityOwnerRef' | 'entityRef'>;

/** A remediation as stored: the public record plus what only the agent uses. */
export interface StoredRemediation extends Remediation {
  entityOwnerRef?: string;
  /** The failed job as its source described it. */
  job: FailedJob;
  /** The redacted end of the job log. */
  logTail: EvidenceLine[];
}

/** Fields a step may change; `null` clears. */
export interface RemediationPatch {
  status?: RemediationStatus;
  diagnosis?: Diagnosis;
  logTail?: EvidenceLine[];
  fingerprint?: string;
  branch?: string;
  mergeRequestUrl?: string | null;
  verifyPipelineId?: string | null;
  verifyPipelineUrl?: string | null;
  approval?: Remediation['approval'];
  summary?: string;
  error?: string | null;
  resolvedAt?: string | null;
}

export interface ListRemediationsFilter {
  entityRef?: string;
  status?: RemediationStatus[];
  offset: number;
  limit: number;
  permission?: PermissionCriteria<RemediationQuery>;
}

/** The one merge request and the attempts of a failure fingerprint. */
export interface FixRecord {
  fingerprint: string;
  attempts: number;
  branch?: string;
  mergeRequestUrl?: string;
  lastRemediationId?: string;
}

export type AttemptClaim =
  | { claimed: true; attempt: number }
  | { claimed: false; attempts: number };

export interface RemediationStore {
  /**
   * Records a failed job, once: the same job again (redelivered webhook, two
   * replicas) returns the existing record with `created: false`.
   */
  receive(
    job: FailedJob,
    entity: { ref?: string; owner?: string },
  ): Promise<{ remediation: StoredRemediation; created: boolean }>;
  get(id: string): Promise<StoredRemediation | undefined>;
  getMany(ids: string[]): Promise<StoredRemediation[]>;
  list(filter: ListRemediationsFilter): Promise<Page<Remediation>>;
  /**
   * Changes a record; with `onlyFrom`, only while its status is one of those
   * (compare-and-set: of two replicas deciding at once, one wins). Returns
   * the record after the change, or undefined when the condition failed.
   */
  update(
    id: string,
    patch: RemediationPatch,
    onlyFrom?: RemediationStatus[],
  ): Promise<StoredRemediation | undefined>;
  addWorkflow(id: string, workflowId: string): Promise<void>;
  /**
   * Gives the remediation its attempt at the fingerprint's fix: the one it
   * already has, or the next while fewer than `maxAttempts` were made.
   */
  claimAttempt(
    fingerprint: string,
    remediationId: string,
    maxAttempts: number,
  ): Promise<AttemptClaim>;
  getFix(fingerprint: string): Promise<FixRecord | undefined>;
  recordFixBranch(
    fingerprint: string,
    fix: { branch: string; mergeRequestUrl?: string },
  ): Promise<void>;
  stats(filter: {
    entityRef?: string;
    permission?: PermissionCriteria<RemediationQuery>;
  }): Promise<RemediationStats>;
}
