import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { findEntityOfGitlabProject } from '@agentic-devops/plugin-agentic-node';

/** Per merge request source: how its project is found in the catalog. */
const FIND_BY_SOURCE: Record<string, typeof findEntityOfGitlabProject> = {
  gitlab: findEntityOfGitlabProject,
};

/**
 * The catalog entity of a merge request's project: the one annotated with
 * its project slug (a Component when several are). Undefined when none is;
 * the merge request is still gated, its scan just belongs to no entity.
 */
export async function entityOfProject(
  deps: { catalog: CatalogService; auth: AuthService },
  source: string,
  project: string,
): Promise<string | undefined> {
  const find = FIND_BY_SOURCE[source];
  const entity = find ? await find(deps, project) : undefined;
  return entity ? stringifyEntityRef(entity) : undefined;
}
