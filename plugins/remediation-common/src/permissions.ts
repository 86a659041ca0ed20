import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

export const AGENTIC_REMEDIATION_RESOURCE_TYPE = 'agentic-remediation';

/** See remediations: failures, causes, evidence, merge requests. */
export const agenticRemediationReadPermission: ResourcePermission<
  typeof AGENTIC_REMEDIATION_RESOURCE_TYPE
> = createPermission({
  name: 'agentic.remediation.read',
  attributes: { action: 'read' },
  resourceType: AGENTIC_REMEDIATION_RESOURCE_TYPE,
});

/**
 * Approve or reject a high-risk fix. The agent also requires the approver to
 * own the failing entity, whatever the policy says.
 */
export const agenticRemediationApprovePermission: ResourcePermission<
  typeof AGENTIC_REMEDIATION_RESOURCE_TYPE
> = createPermission({
  name: 'agentic.remediation.approve',
  attributes: { action: 'update' },
  resourceType: AGENTIC_REMEDIATION_RESOURCE_TYPE,
});

/** Start a remediation by hand (e.g. a local repository's pipeline). */
export const agenticRemediationCreatePermission = createPermission({
  name: 'agentic.remediation.create',
  attributes: { action: 'create' },
});

export const agenticRemediationPermissions = [
  agenticRemediationReadPermission,
  agenticRemediationApprovePermission,
  agenticRemediationCreatePermission,
];
