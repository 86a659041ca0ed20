import {
  createPermissionRule,
  PermissionResourceRef,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/** Whether a ref is one of `refs`, compared as the catalog does (no case). */
export function isOneOfRefs(value: string | undefined, refs: string[]) {
  return (
    value !== undefined &&
    refs.some(
      r => r.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US'),
    )
  );
}

/**
 * The two rules every agent's records share, for resources that carry the
 * entity they are about and its owner (`entityRef`, `entityOwnerRef`, the
 * same keys in the store's query): IS_ENTITY_OWNER lets an entity's owners
 * act on its records, HAS_ENTITY_REF limits to some entities. `plural`
 * names the records in the rules' descriptions.
 */
export function createEntityPermissionRules<
  TResource extends { entityRef?: string; entityOwnerRef?: string },
  TQuery,
  TResourceType extends string,
>(
  resourceRef: PermissionResourceRef<TResource, TQuery, TResourceType>,
  plural: string,
) {
  const isEntityOwner = createPermissionRule({
    name: 'IS_ENTITY_OWNER',
    description: `Allow ${plural} whose entity's owner is one of the given claims`,
    resourceRef,
    paramsSchema: z.object({
      claims: z
        .array(z.string())
        .describe(
          'Entity refs to match, e.g. the ownership refs of the signed-in user',
        ),
    }),
    apply: (resource, { claims }) =>
      isOneOfRefs(resource.entityOwnerRef, claims),
    toQuery: ({ claims }) =>
      ({ key: 'entityOwnerRef', values: claims } as TQuery),
  });
  const hasEntityRef = createPermissionRule({
    name: 'HAS_ENTITY_REF',
    description: `Allow ${plural} of one of the given entities`,
    resourceRef,
    paramsSchema: z.object({ entityRefs: z.array(z.string()) }),
    apply: (resource, { entityRefs }) =>
      isOneOfRefs(resource.entityRef, entityRefs),
    toQuery: ({ entityRefs }) =>
      ({ key: 'entityRef', values: entityRefs } as TQuery),
  });
  return { isEntityOwner, hasEntityRef };
}
