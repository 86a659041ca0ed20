import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The annotation that ties a GitLab project (`group/project`) to its catalog entity. */
export const GITLAB_PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';

/**
 * The catalog entity of a GitLab project: the one annotated with its slug,
 * a Component when several are. Undefined when none is.
 */
export async function findEntityOfGitlabProject(
  deps: { catalog: CatalogService; auth: AuthService },
  project: string,
): Promise<Entity | undefined> {
  const { items } = await deps.catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${GITLAB_PROJECT_SLUG_ANNOTATION}`]: project,
      },
      limit: 5,
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  return (
    items.find(e => e.kind.toLocaleLowerCase('en-US') === 'component') ??
    items[0]
  );
}
