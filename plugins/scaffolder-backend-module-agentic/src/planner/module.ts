import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { plannerExtensionPoint } from '@agentic-devops/plugin-agentic-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createAwaitRegistrationTask } from './awaitRegistrationTask';
import { scaffoldServiceWorkflow } from './scaffoldServiceWorkflow';
import { createValidateTask } from './validateTask';

/**
 * Scaffolding's side of the Planner: the `scaffold.service` workflow and its
 * own task types (`scaffold.validate`, `scaffold.await-registration`), run
 * in the Planner. Its `policy.check` task comes from the Policy agent's
 * planner module.
 */
export const plannerModuleScaffolding = createBackendModule({
  pluginId: 'planner',
  moduleId: 'scaffolding',
  register(env) {
    env.registerInit({
      deps: {
        planner: plannerExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ planner, catalog, auth }) {
        planner.addTaskHandler(
          createValidateTask({ catalog, auth }),
          createAwaitRegistrationTask({ catalog, auth }),
        );
        planner.addWorkflowDefinition(scaffoldServiceWorkflow);
      },
    });
  },
});
