import { remediationSourcesExtensionPoint } from '@agentic-devops/plugin-remediation-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { LocalRemediationSource } from './LocalRemediationSource';

/**
 * Local git repositories and gitlab-ci-local as a source of failed
 * pipelines for the Remediation agent (on unless
 * `remediation.local.enabled` is false).
 */
export const remediationModuleLocal = createBackendModule({
  pluginId: 'remediation',
  moduleId: 'local',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        sources: remediationSourcesExtensionPoint,
      },
      async init({ config, logger, lifecycle, sources }) {
        if (config.getOptionalBoolean('remediation.local.enabled') === false) {
          logger.info('Local repositories are off (remediation.local.enabled)');
          return;
        }
        const source = LocalRemediationSource.fromConfig(config, { logger });
        sources.addSource(source);
        lifecycle.addShutdownHook(() => source.close());
      },
    });
  },
});
