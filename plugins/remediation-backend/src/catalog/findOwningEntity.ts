import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ownerOf, resolveEntity } from '@agentic-devops/plugin-agentic-node';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';

/** The annotation that ties a GitLab project (`group/project`) to its catalog entity. */
export const GITLAB_PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';

/**
 * The entity a failed job belongs to: the one named by the caller, else
 * (GitLab) the entity annotated with the job's project slug. A failure
 * nobody owns is still remediated; it just has nobody to notify.
 */
export async function findOwningEntity(
  deps: { catalog: CatalogService; auth: AuthService },
  job: FailedJob,
  entityRef?: string,
): Promise<{ ref?: string; owner?: string }> {
  if (entityRef) return resolveEntity(deps, entityRef);
  if (job.source !== 'gitlab') return {};
  const { items } = await deps.catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${GITLAB_PROJECT_SLUG_ANNOTATION}`]: job.project,
      },
      limit: 2,
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  // Prefer a Component when several entities describe the project.
  const entity =
    items.find(e => e.kind.toLocaleLowerCase('en-US') === 'component') ??
    items[0];
  if (!entity) return {};
  return { ref: stringifyEntityRef(entity), owner: ownerOf(entity) };
}
