import { createEntityPermissionRules } from '@agentic-devops/plugin-agentic-node';
import {
  createConditionExports,
  createPermissionResourceRef,
} from '@backstage/plugin-permission-node';
import { AGENTIC_POLICY_WAIVER_RESOURCE_TYPE } from '@agentic-devops/plugin-policy-common';
import { StoredWaiver, WaiverQuery } from '../database/PolicyStore';

export const waiverResourceRef = createPermissionResourceRef<
  StoredWaiver,
  WaiverQuery
>().with({
  pluginId: 'policy',
  resourceType: AGENTIC_POLICY_WAIVER_RESOURCE_TYPE,
});

/** IS_ENTITY_OWNER (the waiver's entity's owners) and HAS_ENTITY_REF. */
export const { isEntityOwner, hasEntityRef } = createEntityPermissionRules(
  waiverResourceRef,
  'waivers',
);

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
