import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { MergeRequestSource } from './sources/mergeRequests';
import { PolicySource } from './sources/types';

export interface PolicySourcesExtensionPoint {
  /** Adds a source of verdicts next to the built-in rules (e.g. OPA). */
  addSource(source: PolicySource): void;
}

export const policySourcesExtensionPoint =
  createExtensionPoint<PolicySourcesExtensionPoint>({
    id: 'policy.sources',
  });

export interface PolicyMergeRequestSourcesExtensionPoint {
  /** Adds a place whose merge requests are gated (e.g. GitLab). */
  addMergeRequestSource(source: MergeRequestSource): void;
}

export const policyMergeRequestSourcesExtensionPoint =
  createExtensionPoint<PolicyMergeRequestSourcesExtensionPoint>({
    id: 'policy.merge-request-sources',
  });
