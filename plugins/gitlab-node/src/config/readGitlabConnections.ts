import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitlabConnection, isGitbeakerApiBaseUrl } from '../api/gitlabClient';

/**
 * The GitLab integrations the source can act with: the entries of
 * `integrations.gitlab` with a token (the implicit gitlab.com entry has
 * none, and without a token nothing can be read or fixed) whose apiBaseUrl
 * gitbeaker can use. Empty when there is none.
 */
export function readGitlabConnections(
  config: Config,
  logger: LoggerService,
): GitlabConnection[] {
  return ScmIntegrations.fromConfig(config)
    .gitlab.list()
    .map(integration => integration.config)
    .filter(c => {
      if (!c.token) return false;
      if (isGitbeakerApiBaseUrl(c.apiBaseUrl)) return true;
      logger.warn(
        `GitLab integration ${c.host}: apiBaseUrl ${c.apiBaseUrl} does not end in /api/v4; the agents' GitLab modules cannot use it`,
      );
      return false;
    })
    .map(c => ({
      host: c.host,
      baseUrl: c.baseUrl,
      apiBaseUrl: c.apiBaseUrl,
      token: c.token!,
    }));
}
