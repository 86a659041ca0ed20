import {
  PipelineRun,
  PipelineStatus,
} from '@agentic-devops/plugin-remediation-node';

/**
 * GitLab's pipeline statuses in the agent's terms: everything that has not
 * started or finished yet is pending, including `manual` (a pipeline held
 * at a blocking manual job: it is not over, someone may still press play;
 * the agent's own time limit ends the wait).
 */
const STATUSES: Record<string, PipelineStatus> = {
  created: 'pending',
  waiting_for_resource: 'pending',
  preparing: 'pending',
  pending: 'pending',
  scheduled: 'pending',
  manual: 'pending',
  running: 'running',
  success: 'success',
  failed: 'failed',
  canceling: 'canceled',
  canceled: 'canceled',
  skipped: 'skipped',
};

export function pipelineStatusOf(gitlabStatus: string): PipelineStatus {
  // A status newer than this list has not finished as far as we can tell.
  return STATUSES[gitlabStatus] ?? 'pending';
}

export function toPipelineRun(pipeline: {
  id: number;
  status: string;
  ref: string;
  web_url?: string;
}): PipelineRun {
  return {
    id: String(pipeline.id),
    status: pipelineStatusOf(pipeline.status),
    ref: pipeline.ref,
    url: pipeline.web_url,
  };
}
