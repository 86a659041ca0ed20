import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Per merge request source: the annotation that names its project on an entity. */
const PROJECT_ANNOTATIONS: Record<string, string> = {
  gitlab: 'gitlab.com/project-slug',
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
  const annotation = PROJECT_ANNOTATIONS[source];
  if (!annotation) return undefined;
  const { items } = await deps.catalog.getEntities(
    {
      filter: { [`metadata.annotations.${annotation}`]: project },
      limit: 5,
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  const entity =
    items.find(e => e.kind.toLocaleLowerCase('en-US') === 'component') ??
    items[0];
  return entity ? stringifyEntityRef(entity) : undefined;
}
