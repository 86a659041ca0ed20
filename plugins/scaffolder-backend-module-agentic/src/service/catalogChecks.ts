import { ownerOf } from '@agentic-devops/plugin-agentic-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Kinds whose names a new service may not take: it registers as a Component with an API, and its database is a Resource. */
export const CONFLICTING_KINDS = ['component', 'api', 'resource'] as const;

/** What the catalog has of a new service's name and owner. */
export interface NameLookup {
  /** Entities in the default namespace that already have the name, with their owners. */
  holders: Array<{ ref: string; owner?: string }>;
  ownerExists: boolean;
}

/**
 * Looks a new service's name and owner up in the catalog, in one request.
 * Callers pass their own service credentials, so that an entity the user
 * may not see still counts.
 */
export async function lookUpServiceName(
  catalog: CatalogService,
  request: { name: string; owner: string },
  credentials: BackstageCredentials,
): Promise<NameLookup> {
  const refs = CONFLICTING_KINDS.map(kind =>
    stringifyEntityRef({ kind, namespace: 'default', name: request.name }),
  );
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: [...refs, request.owner] },
    { credentials },
  );
  return {
    holders: refs.flatMap((ref, i) => {
      const entity = items[i];
      return entity ? [{ ref, owner: ownerOf(entity) }] : [];
    }),
    ownerExists: Boolean(items[refs.length]),
  };
}
