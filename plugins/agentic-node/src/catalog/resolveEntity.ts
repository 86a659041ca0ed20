import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The entity's owner ref: its ownedBy relation, else its spec.owner. */
export function ownerOf(entity: Entity): string | undefined {
  const related = entity.relations?.find(
    r => r.type === RELATION_OWNED_BY,
  )?.targetRef;
  if (related) return related;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/**
 * Normalises an entity ref (kind defaults to component) and looks the entity
 * up with the plugin's own credentials: its full ref and owner. Throws an
 * InputError when the ref is malformed or the entity is not in the catalog.
 */
export async function resolveEntity(
  deps: { catalog: CatalogService; auth: AuthService },
  entityRef: string,
): Promise<{ ref: string; owner?: string }> {
  let compound;
  try {
    compound = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid entityRef '${entityRef}': ${(error as Error).message}`,
    );
  }
  const ref = stringifyEntityRef(compound);
  const entity = await deps.catalog.getEntityByRef(ref, {
    credentials: await deps.auth.getOwnServiceCredentials(),
  });
  if (!entity) {
    throw new InputError(`Entity ${ref} is not in the catalog`);
  }
  return { ref, owner: ownerOf(entity) };
}
