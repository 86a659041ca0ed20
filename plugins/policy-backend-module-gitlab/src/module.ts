import { policyMergeRequestSourcesExtensionPoint } from '@agentic-devops/plugin-policy-node';
import { readGitlabConnections } from '@agentic-devops/plugin-gitlab-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { GitlabMergeRequestSource } from './GitlabMergeRequestSource';

/**
 * Gates GitLab merge requests with the policy plugin (their webhooks,
 * through the events backend's GitLab module): each push is scanned, one
 * note kept up to date and a commit status set, when `integrations.gitlab`
 * has an entry with a token.
 */
export const policyModuleGitlab = createBackendModule({
  pluginId: 'policy',
  moduleId: 'gitlab',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        events: eventsServiceRef,
        mergeRequests: policyMergeRequestSourcesExtensionPoint,
      },
      async init({ config, logger, events, mergeRequests }) {
        const connections = readGitlabConnections(config, logger);
        if (connections.length === 0) {
          logger.info(
            'No GitLab integration with a token in integrations.gitlab; GitLab merge requests are not gated',
          );
          return;
        }
        mergeRequests.addMergeRequestSource(
          new GitlabMergeRequestSource({ connections, events, logger }),
        );
        logger.info(
          `GitLab merge requests gated for ${connections
            .map(c => c.host)
            .join(', ')}`,
        );
      },
    });
  },
});
