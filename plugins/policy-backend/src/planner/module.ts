import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createRemoteTaskHandler,
  plannerExtensionPoint,
} from '@agentic-devops/plugin-agentic-node';
import { POLICY_CHECK_TASK, policyCheckParams } from './policyCheck';

/**
 * The Policy agent's side of the Planner: the `policy.check` task type,
 * which any workflow can include (no workflow definition of its own). Each
 * attempt runs in the policy plugin, which holds the rules and the scans.
 */
export const plannerModulePolicy = createBackendModule({
  pluginId: 'planner',
  moduleId: 'policy',
  register(env) {
    env.registerInit({
      deps: {
        planner: plannerExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ planner, auth, discovery }) {
        planner.addTaskHandler(
          createRemoteTaskHandler({
            type: POLICY_CHECK_TASK,
            title: 'Check policies',
            description:
              'Scans a path with the policy rules, stores the scan for the entity, and fails on findings at or above failOn (default policy.gate.failOn).',
            parameters: policyCheckParams,
            // Findings fail at once; only outages are retried.
            maxAttempts: 3,
            pluginId: 'policy',
            auth,
            discovery,
          }),
        );
      },
    });
  },
});
