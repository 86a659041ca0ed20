import { readPolicyScannerOptions } from '@agentic-devops/plugin-policy-node';
import { createPolicyScanner } from '@agentic-devops/plugin-policy-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPolicyCheckAction } from './actions/policyCheck';
import { PolicyScanRecorder } from './PolicyScanRecorder';

/**
 * Adds `agentic:policy:check` to the scaffolder. The rules are loaded at
 * start-up (an invalid rule stops it, naming file and rule), from the
 * policy plugin's configuration.
 */
export const scaffolderModulePolicy = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scaffolder: scaffolderActionsExtensionPoint,
      },
      async init({ config, logger, discovery, auth, scaffolder }) {
        const options = readPolicyScannerOptions(config);
        const scanner = createPolicyScanner(options);
        scaffolder.addActions(
          createPolicyCheckAction({
            scanner,
            recorder: new PolicyScanRecorder({ discovery, auth }),
          }),
        );
        logger.info(
          `agentic:policy:check registered with ${scanner.rules.length} rules from ${options.policiesDirectory}`,
        );
      },
    });
  },
});
