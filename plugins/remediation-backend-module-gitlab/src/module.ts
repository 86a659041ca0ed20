import { remediationSourcesExtensionPoint } from '@agentic-devops/plugin-remediation-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readGitlabConnections } from '@agentic-devops/plugin-gitlab-node';
import { GitlabRemediationSource } from './GitlabRemediationSource';

/**
 * Adds GitLab to the remediation plugin as a source of failed jobs (its
 * pipeline webhooks, through the events backend's GitLab module) and a
 * place for fixes, when `integrations.gitlab` has an entry with a token.
 */
export const remediationModuleGitlab = createBackendModule({
  pluginId: 'remediation',
  moduleId: 'gitlab',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        events: eventsServiceRef,
        sources: remediationSourcesExtensionPoint,
      },
      async init({ config, logger, events, sources }) {
        const connections = readGitlabConnections(config, logger);
        if (connections.length === 0) {
          logger.info(
            'No GitLab integration with a token in integrations.gitlab; the GitLab remediation source is not registered',
          );
          return;
        }
        sources.addSource(
          new GitlabRemediationSource({ connections, events, logger }),
        );
        logger.info(
          `GitLab remediation source registered for ${connections
            .map(c => c.host)
            .join(', ')}`,
        );
      },
    });
  },
});
