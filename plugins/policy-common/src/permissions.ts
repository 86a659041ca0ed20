import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

export const AGENTIC_POLICY_WAIVER_RESOURCE_TYPE = 'agentic-policy-waiver';

/** See scans, findings, waivers and the compliance report. */
export const agenticPolicyReadPermission = createPermission({
  name: 'agentic.policy.read',
  attributes: { action: 'read' },
});

/** Run a scan through the API. */
export const agenticPolicyScanPermission = createPermission({
  name: 'agentic.policy.scan',
  attributes: { action: 'create' },
});

/** Ask for a waiver (it applies only once an owner approves it). */
export const agenticPolicyWaiverRequestPermission = createPermission({
  name: 'agentic.policy.waiver.request',
  attributes: { action: 'create' },
});

/**
 * Approve or reject a waiver. The agent also requires the approver to own
 * the waiver's entity, whatever the policy says.
 */
export const agenticPolicyWaiverApprovePermission: ResourcePermission<
  typeof AGENTIC_POLICY_WAIVER_RESOURCE_TYPE
> = createPermission({
  name: 'agentic.policy.waiver.approve',
  attributes: { action: 'update' },
  resourceType: AGENTIC_POLICY_WAIVER_RESOURCE_TYPE,
});

export const agenticPolicyPermissions = [
  agenticPolicyReadPermission,
  agenticPolicyScanPermission,
  agenticPolicyWaiverRequestPermission,
  agenticPolicyWaiverApprovePermission,
];
