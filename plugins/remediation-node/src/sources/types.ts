import { FixWorkspace } from '../fixes/types';

/** A failed CI job, wherever it ran. */
export interface FailedJob {
  source: 'gitlab' | 'local';
  /** GitLab project path (`group/project`), or the local repository's directory. */
  project: string;
  pipelineId: string;
  jobId: string;
  jobName: string;
  /** The branch (or tag) the pipeline ran for. */
  ref: string;
  commitSha?: string;
  jobUrl?: string;
  pipelineUrl?: string;
  /** When the job failed (ISO 8601); now when the source does not say. */
  failedAt?: string;
}

export type PipelineStatus =
  | 'pending'
  | 'running'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped';

export const FINISHED_PIPELINE_STATUSES: readonly PipelineStatus[] = [
  'success',
  'failed',
  'canceled',
  'skipped',
];

export interface PipelineRun {
  id: string;
  status: PipelineStatus;
  ref: string;
  url?: string;
}

/**
 * A workspace on the fix's own branch, created from the failed commit. Its
 * changes become one commit and one merge request (one per branch: opening
 * it again finds the existing one).
 */
export interface FixBranch extends FixWorkspace {
  readonly branch: string;
  /** Commits what the steps staged (if anything) and opens or finds the merge request. */
  commitAndOpenMergeRequest(options: {
    commitMessage: string;
    title: string;
    description: string;
  }): Promise<{
    commitSha?: string;
    mergeRequestUrl?: string;
    /** False when nothing was staged (or it equals the branch's content). */
    changed: boolean;
  }>;
}

export type IntakeResult =
  | { remediationId: string; created: boolean }
  /** Not remediated, and why (e.g. a failure on the agent's own fix branch). */
  | { ignored: string };

/** Where a source hands failed jobs to the agent. */
export interface FailureIntake {
  /**
   * Records the failure and starts its remediation workflow. Idempotent per
   * job: the same job received twice (a redelivered webhook, two replicas)
   * yields the same remediation with `created: false`.
   */
  receive(job: FailedJob): Promise<IntakeResult>;
}

/**
 * Where failures come from and fixes go: GitLab (a module with
 * @gitbeaker/rest) or local git repositories with a local pipeline runner
 * (the embedded default). Registered through the remediation extension point.
 */
export interface RemediationSource {
  readonly id: FailedJob['source'];
  /**
   * Called once when the plugin starts: a source that learns of failures by
   * itself (GitLab webhooks through the events service) passes them on.
   */
  subscribe?(intake: FailureIntake): Promise<void>;
  /** The failed job's log, streamed (logs can be very large). */
  readJobLog(
    job: FailedJob,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<Buffer>>;
  /**
   * A file of the repository at `ref` (default: the failed commit);
   * undefined when there is none. Fixes that only act (retry the job, set a
   * CI variable) read through this instead of opening a branch.
   */
  readFile(
    job: FailedJob,
    path: string,
    ref?: string,
  ): Promise<string | undefined>;
  /**
   * Runs the failed job again, unchanged (low-risk fixes act at once,
   * without a branch); returns the pipeline that runs it (GitLab: the same
   * pipeline, running again; local: a new run).
   */
  retryJob(job: FailedJob): Promise<PipelineRun>;
  /** Sets a CI/CD variable of the project (GitLab: a project variable; local: passed to the runner). */
  setCiVariable(job: FailedJob, name: string, value: string): Promise<void>;
  /**
   * A new branch for the fix, from the failed commit (or the existing one of
   * that name, for a later attempt). Refuses the default branch and protected
   * branches: fixes only ever go through a merge request.
   */
  openFixBranch(job: FailedJob, branch: string): Promise<FixBranch>;
  /**
   * Runs the pipeline of a ref again. For the failed job's own ref this
   * retries the failed pipeline; for a fix branch it runs (or finds the
   * already started) pipeline of the branch's head.
   */
  runPipeline(
    job: FailedJob,
    ref: string,
    signal?: AbortSignal,
  ): Promise<PipelineRun>;
  /** A pipeline's current state, to see whether a fix made it green. */
  getPipeline(
    job: FailedJob,
    pipelineId: string,
    signal?: AbortSignal,
  ): Promise<PipelineRun>;
  /** Comments on the fix's merge request (no-op where there is none). */
  commentOnMergeRequest?(
    job: FailedJob,
    branch: string,
    body: string,
  ): Promise<void>;
  /**
   * Runs a repository's pipeline on request and returns its failed jobs
   * (the local runner; GitLab pipelines start by themselves).
   */
  runRepositoryPipeline?(
    repository: string,
    options?: { ref?: string; signal?: AbortSignal },
  ): Promise<{ pipeline: PipelineRun; failedJobs: FailedJob[] }>;
}
