import { PipelineStatus } from '@agentic-devops/plugin-remediation-node';

/** A job's state, in GitLab's terms. */
export type LocalJobStatus =
  | 'created'
  | 'running'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped'
  | 'manual';

/** Why a job failed, with GitLab's `failure_reason` values. */
export type LocalJobFailureReason =
  | 'script_failure'
  | 'job_execution_timeout'
  | 'trace_size_exceeded'
  | 'runner_system_failure';

export interface LocalJob {
  /** Unique among all pipelines: `<pipelineId>-<n>`. */
  id: string;
  name: string;
  stage: string;
  /** `on_success`, `on_failure`, `always`, `manual`, `delayed` (rules applied). */
  when: string;
  allowFailure: boolean;
  /** The jobs it `needs:`; undefined when it waits for the earlier stages. */
  needs?: string[];
  timeoutSeconds: number;
  status: LocalJobStatus;
  failureReason?: LocalJobFailureReason;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  /** The job's log, a file in the pipeline's folder. */
  logFile?: string;
}

/** A pipeline of the local runner, as stored in its `pipeline.json`. */
export interface LocalPipeline {
  id: string;
  /** The repository's absolute path. */
  repository: string;
  ref: string;
  commitSha: string;
  status: PipelineStatus;
  /** Why it was canceled or failed when no job says so. */
  reason?: string;
  createdAt: string;
  finishedAt?: string;
  jobs: LocalJob[];
  /** The process that runs it, to tell a run that is gone after a restart. */
  runner: { pid: number };
}
