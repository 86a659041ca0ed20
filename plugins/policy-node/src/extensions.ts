import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PolicySource } from './sources/types';

export interface PolicySourcesExtensionPoint {
  /** Adds a source of verdicts next to the built-in rules (e.g. OPA). */
  addSource(source: PolicySource): void;
}

export const policySourcesExtensionPoint =
  createExtensionPoint<PolicySourcesExtensionPoint>({
    id: 'policy.sources',
  });
