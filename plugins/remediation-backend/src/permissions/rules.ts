import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AGENTIC_REMEDIATION_RESOURCE_TYPE,
  Remediation,
} from '@agentic-devops/plugin-remediation-common';
import { z } from 'zod';
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

const sameRef = (value: string | undefined, refs: string[]) =>
  value !== undefined &&
  refs.some(
    r => r.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US'),
  );

/** The failing entity is owned by one of the claims (e.g. the user's groups). */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description:
    "Allow remediations whose entity's owner is one of the given claims",
  resourceRef: remediationResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs, e.g. the ownership refs of the signed-in user'),
  }),
  apply: (remediation, { claims }) =>
    sameRef(remediation.entityOwnerRef, claims),
  toQuery: ({ claims }) => ({ key: 'entityOwnerRef', values: claims }),
});

/** The remediation is about one of the given entities. */
export const hasEntityRef = createPermissionRule({
  name: 'HAS_ENTITY_REF',
  description: 'Allow remediations of one of the given entities',
  resourceRef: remediationResourceRef,
  paramsSchema: z.object({ entityRefs: z.array(z.string()) }),
  apply: (remediation: Remediation, { entityRefs }) =>
    sameRef(remediation.entityRef, entityRefs),
  toQuery: ({ entityRefs }) => ({ key: 'entityRef', values: entityRefs }),
});

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
