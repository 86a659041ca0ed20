import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { plannerExtensionPoint } from '@agentic-devops/plugin-agentic-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderServiceRef } from '@backstage/plugin-scaffolder-node';
import { createAwaitRegistrationTask } from './awaitRegistrationTask';
import { scaffoldServiceWorkflow } from './scaffoldServiceWorkflow';
import { createTemplateStepTask } from './templateStepTask';
import { createValidateTask } from './validateTask';

/**
 * Scaffolding's side of the Planner: the `scaffold.service` workflow and its
 * task types (`scaffold.validate`, `scaffold.template-step`,
 * `scaffold.await-registration`), run in the Planner.
 */
export const plannerModuleScaffolding = createBackendModule({
  pluginId: 'planner',
  moduleId: 'scaffolding',
  register(env) {
    env.registerInit({
      deps: {
        planner: plannerExtensionPoint,
        catalog: catalogServiceRef,
        scaffolder: scaffolderServiceRef,
        auth: coreServices.auth,
      },
      async init({ planner, catalog, scaffolder, auth }) {
        planner.addTaskHandler(
          createValidateTask({ catalog, auth }),
          createTemplateStepTask({ scaffolder, auth }),
          createAwaitRegistrationTask({ catalog, auth }),
        );
        planner.addWorkflowDefinition(scaffoldServiceWorkflow);
      },
    });
  },
});
