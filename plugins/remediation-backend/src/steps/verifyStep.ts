import { RemoteTaskStep } from '@agentic-devops/plugin-agentic-node';
import { FINISHED_PIPELINE_STATUSES } from '@agentic-devops/plugin-remediation-node';
import { StepDeps } from './context';
import {
  loadRemediation,
  RemediationTaskParams,
  remediationTaskParams,
} from './params';

/**
 * Waits for the pipeline the fix started: green means fixed (and the time
 * from failure to green counts towards MTTR); anything else means the fix
 * did not work. It answers "waiting" while the pipeline runs, so no
 * connection is held open for the length of a pipeline.
 */
export function verifyStep(
  deps: StepDeps,
): RemoteTaskStep<RemediationTaskParams> {
  const now = deps.now ?? Date.now;
  return {
    type: 'remediation.verify',
    parameters: remediationTaskParams,
    async run({ remediationId }, { signal }) {
      const remediation = await loadRemediation(deps.store, remediationId);
      if (remediation.status !== 'verifying') {
        return {
          status: 'done',
          output: {
            verified: remediation.status === 'fixed',
            status: remediation.status,
          },
        };
      }
      const source = deps.sources.of(remediation.job);
      const pipeline = await source.getPipeline(
        remediation.job,
        remediation.verifyPipelineId!,
        signal,
      );
      if (!FINISHED_PIPELINE_STATUSES.includes(pipeline.status)) {
        const waited = now() - Date.parse(remediation.updatedAt);
        if (waited < deps.settings.verifyTimeoutMs) {
          return {
            status: 'waiting',
            retryAfterMs: deps.settings.verifyPollMs,
            message: `Pipeline ${pipeline.id} is ${pipeline.status}`,
          };
        }
      }
      const green = pipeline.status === 'success';
      let outcome = `The pipeline ${
        pipeline.id
      } did not finish within ${Math.round(
        deps.settings.verifyTimeoutMs / 60_000,
      )} minutes.`;
      if (green) {
        outcome = `The pipeline ${pipeline.id} passed with the fix.`;
      } else if (FINISHED_PIPELINE_STATUSES.includes(pipeline.status)) {
        outcome = `The pipeline ${pipeline.id} ${pipeline.status} with the fix.`;
      }
      const updated = await deps.store.update(
        remediationId,
        green
          ? {
              status: 'fixed',
              resolvedAt: new Date(now()).toISOString(),
              summary: `${remediation.summary ?? ''} ${outcome}`.trim(),
            }
          : {
              status: 'failed',
              error: outcome,
              summary: `${remediation.summary ?? ''} ${outcome}`.trim(),
            },
        ['verifying'],
      );
      if (updated) {
        deps.notifier.changed(updated);
        if (updated.branch) {
          await source
            .commentOnMergeRequest?.(remediation.job, updated.branch, outcome)
            .catch(error =>
              deps.logger.warn(
                `Could not comment on the merge request of ${updated.branch}: ${error}`,
              ),
            );
        }
      }
      return {
        status: 'done',
        output: { verified: green, pipelineStatus: pipeline.status },
      };
    },
  };
}
