import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { AGENTIC_POLICY_WAIVER_RESOURCE_TYPE } from '@agentic-devops/plugin-policy-common';
import { z } from 'zod';
import { StoredWaiver, WaiverQuery } from '../database/PolicyStore';

export const waiverResourceRef = createPermissionResourceRef<
  StoredWaiver,
  WaiverQuery
>().with({
  pluginId: 'policy',
  resourceType: AGENTIC_POLICY_WAIVER_RESOURCE_TYPE,
});

const sameRef = (value: string | undefined, refs: string[]) =>
  value !== undefined &&
  refs.some(
    r => r.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US'),
  );

/** The waiver's entity is owned by one of the claims (e.g. the user's groups). */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description: "Allow waivers whose entity's owner is one of the given claims",
  resourceRef: waiverResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs, e.g. the ownership refs of the signed-in user'),
  }),
  apply: (waiver, { claims }) => sameRef(waiver.entityOwnerRef, claims),
  toQuery: ({ claims }) => ({ key: 'entityOwnerRef', values: claims }),
});

/** The waiver is for one of the given entities. */
export const hasEntityRef = createPermissionRule({
  name: 'HAS_ENTITY_REF',
  description: 'Allow waivers of one of the given entities',
  resourceRef: waiverResourceRef,
  paramsSchema: z.object({ entityRefs: z.array(z.string()) }),
  apply: (waiver, { entityRefs }) => sameRef(waiver.entityRef, entityRefs),
  toQuery: ({ entityRefs }) => ({ key: 'entityRef', values: entityRefs }),
});

export const policyWaiverPermissionRules = { isEntityOwner, hasEntityRef };

/**
 * For permission policies: `agenticPolicyWaiverConditions.isEntityOwner({
 * claims: user.identity.ownershipEntityRefs })` limits waiver approval to
 * the entity's owners (which the agent also checks itself).
 */
export const {
  conditions: agenticPolicyWaiverConditions,
  createConditionalDecision: createAgenticPolicyWaiverConditionalDecision,
} = createConditionExports({
  resourceRef: waiverResourceRef,
  rules: policyWaiverPermissionRules,
});
