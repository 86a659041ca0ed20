import { workflowServiceRef } from '@agentic-devops/plugin-agentic-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPublishLocalAction } from './actions/publishLocal';
import { createServiceValidateAction } from './actions/serviceValidate';
import { createWorkflowCreateAction } from './actions/workflowCreate';
import { createWorkflowWaitAction } from './actions/workflowWait';
import { readLocalPublishDirectory } from './localRepositories/localPublishDirectory';

/**
 * Adds the agentic actions to the scaffolder: `agentic:service:validate`,
 * `agentic:workflow:create`, `agentic:workflow:wait` and
 * `agentic:publish:local`.
 */
export const scaffolderModuleAgentic = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'agentic',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        workflows: workflowServiceRef,
        scaffolder: scaffolderActionsExtensionPoint,
      },
      async init({ config, logger, auth, catalog, workflows, scaffolder }) {
        const localPublishDirectory = readLocalPublishDirectory(config);
        scaffolder.addActions(
          createServiceValidateAction({ catalog, auth, localPublishDirectory }),
          createWorkflowCreateAction({ workflows, auth }),
          createWorkflowWaitAction({ workflows, auth }),
          createPublishLocalAction({ directory: localPublishDirectory }),
        );
        logger.info(
          localPublishDirectory
            ? `agentic:publish:local creates repositories in ${localPublishDirectory}`
            : 'agentic:publish:local is turned off (scaffolder.localPublish.enabled: false)',
        );
      },
    });
  },
});
