import {
  FailedJob,
  PipelineRun,
} from '@agentic-devops/plugin-remediation-node';
import { callGitlab, describeCall } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';
import { numericId } from '../api/numericId';
import { toPipelineRun } from '../pipelines/toPipelineRun';

/**
 * Retries the failed job (GitLab runs a new job of the same name in the
 * same pipeline) and returns that pipeline as it is now, running again.
 */
export async function retryFailedJob(
  api: GitlabClient,
  job: FailedJob,
): Promise<PipelineRun> {
  const { project } = job;
  const jobId = numericId(job.jobId, 'job');
  const retried = await callGitlab(
    describeCall(
      'POST /projects/:id/jobs/:job_id/retry',
      `${project} job ${jobId}`,
    ),
    () => api.Jobs.retry(project, jobId),
  );
  // The retry's answer carries the pipeline as it was before; ask again.
  const pipelineId =
    retried.pipeline?.id ?? numericId(job.pipelineId, 'pipeline');
  const pipeline = await callGitlab(
    describeCall(
      'GET /projects/:id/pipelines/:pipeline_id',
      `${project} pipeline ${pipelineId}`,
    ),
    () => api.Pipelines.show(project, pipelineId),
  );
  return toPipelineRun(pipeline);
}
