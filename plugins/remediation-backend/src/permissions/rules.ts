import { createEntityPermissionRules } from '@agentic-devops/plugin-agentic-node';
import {
  createConditionExports,
  createPermissionResourceRef,
} from '@backstage/plugin-permission-node';
import { AGENTIC_REMEDIATION_RESOURCE_TYPE } from '@agentic-devops/plugin-remediation-common';
import {
  RemediationQuery,
  StoredRemediation,
} from '../database/RemediationStore';

export const remediationResourceRef = createPermissionResourceRef<
  StoredRemediation,
  RemediationQuery
>().with({
  pluginId: 'remediation',
  resourceType: AGENTIC_REMEDIATION_RESOURCE_TYPE,
});

/** IS_ENTITY_OWNER (the failing entity's owners) and HAS_ENTITY_REF. */
export const { isEntityOwner, hasEntityRef } = createEntityPermissionRules(
  remediationResourceRef,
  'remediations',
);

export const remediationPermissionRules = { isEntityOwner, hasEntityRef };

/**
 * For permission policies: `agenticRemediationConditions.isEntityOwner({
 * claims: user.identity.ownershipEntityRefs })` limits a permission to the
 * failing entity's owners.
 */
export const {
  conditions: agenticRemediationConditions,
  createConditionalDecision: createAgenticRemediationConditionalDecision,
} = createConditionExports({
  resourceRef: remediationResourceRef,
  rules: remediationPermissionRules,
});
