import { policySourcesExtensionPoint } from '@agentic-devops/plugin-policy-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { OpaPolicySource } from './OpaPolicySource';
import { readOpaSettings } from './readOpaSettings';

/**
 * Adds an OPA server to the policy plugin as a source of verdicts, next to
 * the rules in policies/, when `policy.opa.baseUrl` is configured.
 */
export const policyModuleOpa = createBackendModule({
  pluginId: 'policy',
  moduleId: 'opa',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: policySourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const settings = readOpaSettings(config);
        if (!settings) {
          logger.info(
            'No policy.opa.baseUrl configured; the OPA policy source is not registered',
          );
          return;
        }
        sources.addSource(new OpaPolicySource(settings));
        logger.info(
          `OPA policy source registered: ${settings.baseUrl}/v1/data/${settings.path}`,
        );
      },
    });
  },
});
