import { RemoteTaskStep } from '@agentic-devops/plugin-agentic-node';
import { StepDeps } from './context';
import {
  loadRemediation,
  RemediationTaskParams,
  remediationTaskParams,
} from './params';

/** Tells the entity's owners what was found and what was done. */
export function notifyStep(
  deps: StepDeps,
): RemoteTaskStep<RemediationTaskParams> {
  return {
    type: 'remediation.notify',
    parameters: remediationTaskParams,
    async run({ remediationId }) {
      const remediation = await loadRemediation(deps.store, remediationId);
      const notified = await deps.notifier.notifyOwners(remediation);
      return {
        status: 'done',
        output: { notified, status: remediation.status },
      };
    },
  };
}
