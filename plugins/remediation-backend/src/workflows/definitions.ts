import { WorkflowDefinition } from '@agentic-devops/plugin-agentic-node';
import { z } from 'zod';

export const PIPELINE_FAILURE_WORKFLOW = 'remediation.pipeline-failure';
export const APPLY_APPROVED_WORKFLOW = 'remediation.apply-approved';

const parameters = z.object({ remediationId: z.string().min(1) });
type Params = z.infer<typeof parameters>;

const task = (
  key: 'diagnose' | 'decide' | 'fix' | 'verify' | 'notify',
  title: string,
  params: Params,
  dependsOn: string[],
) => ({
  key,
  type: `remediation.${key}`,
  title,
  params: { remediationId: params.remediationId },
  dependsOn,
});

/** A failed pipeline: diagnose → decide → fix → verify → notify. */
export const pipelineFailureWorkflow: WorkflowDefinition<Params> = {
  name: PIPELINE_FAILURE_WORKFLOW,
  title: 'Remediate a failed pipeline',
  description:
    "Reads the failed job's log, finds the root cause, applies the playbook's fix (or waits for an owner's approval), re-runs the pipeline and tells the owners.",
  parameters,
  // The notify step tells the owners; the Planner need not as well.
  notifyOnFinish: false,
  plan: params => [
    task('diagnose', 'Diagnose the job log', params, []),
    task('decide', 'Decide by risk', params, ['diagnose']),
    task('fix', 'Apply the fix', params, ['decide']),
    task('verify', 'Verify with the pipeline', params, ['fix']),
    task('notify', 'Notify the owners', params, ['verify']),
  ],
};

/** After an owner approved a high-risk fix: fix → verify → notify. */
export const applyApprovedWorkflow: WorkflowDefinition<Params> = {
  name: APPLY_APPROVED_WORKFLOW,
  title: 'Apply an approved fix',
  description:
    'Applies a high-risk fix an owner approved, re-runs the pipeline and tells the owners.',
  parameters,
  notifyOnFinish: false,
  plan: params => [
    task('fix', 'Apply the fix', params, []),
    task('verify', 'Verify with the pipeline', params, ['fix']),
    task('notify', 'Notify the owners', params, ['verify']),
  ],
};
