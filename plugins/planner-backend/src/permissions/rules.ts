import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AGENTIC_WORKFLOW_RESOURCE_TYPE,
  Workflow,
} from '@agentic-devops/plugin-agentic-common';
import { z } from 'zod';
import { WorkflowQuery } from '../database/WorkflowStore';

export const workflowResourceRef = createPermissionResourceRef<
  Workflow,
  WorkflowQuery
>().with({
  pluginId: 'planner',
  resourceType: AGENTIC_WORKFLOW_RESOURCE_TYPE,
});

const claims = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs to match, e.g. the ownership refs of the signed-in user',
    ),
});

const inClaims = (value: string | undefined, refs: string[]) =>
  value !== undefined &&
  refs.some(
    r => r.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US'),
  );

/** The entity the workflow is about is owned by one of the claims (e.g. the user's groups). */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description:
    "Allow workflows whose entity's owner is one of the given claims",
  resourceRef: workflowResourceRef,
  paramsSchema: claims,
  apply: (workflow, { claims: refs }) =>
    inClaims(workflow.entityOwnerRef, refs),
  toQuery: ({ claims: refs }) => ({ key: 'entityOwnerRef', values: refs }),
});

/** The workflow was requested by one of the claims. */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allow workflows requested by one of the given claims',
  resourceRef: workflowResourceRef,
  paramsSchema: claims,
  apply: (workflow, { claims: refs }) => inClaims(workflow.requestedBy, refs),
  toQuery: ({ claims: refs }) => ({ key: 'requestedBy', values: refs }),
});

/** The workflow is about one of the given entities. */
export const hasEntityRef = createPermissionRule({
  name: 'HAS_ENTITY_REF',
  description: 'Allow workflows about one of the given entities',
  resourceRef: workflowResourceRef,
  paramsSchema: z.object({ entityRefs: z.array(z.string()) }),
  apply: (workflow, { entityRefs }) => inClaims(workflow.entityRef, entityRefs),
  toQuery: ({ entityRefs }) => ({ key: 'entityRef', values: entityRefs }),
});

export const workflowPermissionRules = {
  isEntityOwner,
  isRequester,
  hasEntityRef,
};

/**
 * For permission policies: `agenticWorkflowConditions.isEntityOwner({ claims:
 * user.identity.ownershipEntityRefs })` lets an entity's owners act on its
 * workflows.
 */
export const {
  conditions: agenticWorkflowConditions,
  createConditionalDecision: createAgenticWorkflowConditionalDecision,
} = createConditionExports({
  resourceRef: workflowResourceRef,
  rules: workflowPermissionRules,
});
