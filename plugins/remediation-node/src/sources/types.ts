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
}

export type PipelineStatus = 'pending' | 'running' | 'success' | 'failed' | 'canceled' | 'skipped';

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
  }): Promise<{ commitSha?: string; mergeRequestUrl?: string; changed: boolean }>;
}

/**
 * Where failures come from and fixes go: GitLab (a module with
 * @gitbeaker/rest) or local git repositories with a local pipeline runner
 * (the embedded default). Registered through the remediation extension point.
 */
export interface RemediationSource {
  readonly id: FailedJob['source'];
  /** The failed job's log, streamed (logs can be very large). */
  readJobLog(job: FailedJob, signal?: AbortSignal): Promise<AsyncIterable<Buffer>>;
  /**
   * A new branch for the fix, from the failed commit. Refuses the default
   * branch and protected branches: fixes only ever go through a merge request.
   */
  openFixBranch(job: FailedJob, branch: string): Promise<FixBranch>;
  /** The latest pipeline of a ref, to see whether a fix made it green. */
  latestPipeline(job: FailedJob, ref: string, signal?: AbortSignal): Promise<PipelineRun | undefined>;
  /** Runs the pipeline of a ref again (GitLab: retries its failed jobs). */
  runPipeline(job: FailedJob, ref: string, signal?: AbortSignal): Promise<PipelineRun>;
  /** Comments on the fix's merge request (no-op where there is none). */
  commentOnMergeRequest?(job: FailedJob, branch: string, body: string): Promise<void>;
}
