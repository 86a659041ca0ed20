import {
  createEntityPermissionRules,
  isOneOfRefs,
} from '@agentic-devops/plugin-agentic-node';
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

/** IS_ENTITY_OWNER (the workflow's entity's owners) and HAS_ENTITY_REF. */
export const { isEntityOwner, hasEntityRef } = createEntityPermissionRules(
  workflowResourceRef,
  'workflows',
);

/** The workflow was requested by one of the claims. */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allow workflows requested by one of the given claims',
  resourceRef: workflowResourceRef,
  paramsSchema: claims,
  apply: (workflow, { claims: refs }) =>
    isOneOfRefs(workflow.requestedBy, refs),
  toQuery: ({ claims: refs }) => ({ key: 'requestedBy', values: refs }),
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
