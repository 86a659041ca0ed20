import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createRemoteTaskHandler,
  plannerExtensionPoint,
} from '@agentic-devops/plugin-agentic-node';
import { remediationTaskParams } from '../steps/params';
import {
  applyApprovedWorkflow,
  pipelineFailureWorkflow,
} from '../workflows/definitions';

const tasks = [
  { type: 'remediation.diagnose', title: 'Diagnose a failed job' },
  { type: 'remediation.decide', title: 'Decide by risk' },
  { type: 'remediation.fix', title: 'Apply a fix' },
  {
    type: 'remediation.verify',
    title: 'Verify a fix with the pipeline',
    // Waits for a pipeline, polling; the step itself gives up after
    // remediation.verify.timeoutMinutes.
    timeoutMs: 6 * 60 * 60_000,
  },
  { type: 'remediation.notify', title: 'Notify the owners' },
];

/**
 * The Remediation agent's side of the Planner: its workflow definitions,
 * and task handlers that run each step in the remediation plugin (which
 * holds the records, the sources and the playbooks).
 */
export const plannerModuleRemediation = createBackendModule({
  pluginId: 'planner',
  moduleId: 'remediation',
  register(env) {
    env.registerInit({
      deps: {
        planner: plannerExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ planner, auth, discovery }) {
        planner.addWorkflowDefinition(
          pipelineFailureWorkflow,
          applyApprovedWorkflow,
        );
        planner.addTaskHandler(
          ...tasks.map(t =>
            createRemoteTaskHandler({
              ...t,
              parameters: remediationTaskParams,
              pluginId: 'remediation',
              auth,
              discovery,
            }),
          ),
        );
      },
    });
  },
});
