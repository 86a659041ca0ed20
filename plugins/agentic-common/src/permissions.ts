import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Workflows are resources: conditional policies can decide per workflow. */
export const AGENTIC_WORKFLOW_RESOURCE_TYPE = 'agentic-workflow';

/** Start a workflow. */
export const agenticWorkflowCreatePermission = createPermission({
  name: 'agentic.workflow.create',
  attributes: { action: 'create' },
});

/** See a workflow, its tasks, attempts, events and dead letters. */
export const agenticWorkflowReadPermission: ResourcePermission<
  typeof AGENTIC_WORKFLOW_RESOURCE_TYPE
> = createPermission({
  name: 'agentic.workflow.read',
  attributes: { action: 'read' },
  resourceType: AGENTIC_WORKFLOW_RESOURCE_TYPE,
});

/** Cancel a workflow: unstarted tasks stop, running handlers are told. */
export const agenticWorkflowCancelPermission: ResourcePermission<
  typeof AGENTIC_WORKFLOW_RESOURCE_TYPE
> = createPermission({
  name: 'agentic.workflow.cancel',
  attributes: { action: 'update' },
  resourceType: AGENTIC_WORKFLOW_RESOURCE_TYPE,
});

/** Retry a failed task, or replay its dead letter. */
export const agenticWorkflowRetryPermission: ResourcePermission<
  typeof AGENTIC_WORKFLOW_RESOURCE_TYPE
> = createPermission({
  name: 'agentic.workflow.retry',
  attributes: { action: 'update' },
  resourceType: AGENTIC_WORKFLOW_RESOURCE_TYPE,
});

/** Every permission of the Planner; later agents add their own lists. */
export const agenticWorkflowPermissions = [
  agenticWorkflowCreatePermission,
  agenticWorkflowReadPermission,
  agenticWorkflowCancelPermission,
  agenticWorkflowRetryPermission,
];
