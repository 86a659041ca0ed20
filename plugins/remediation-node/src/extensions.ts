import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { FixStepType } from './fixes/types';
import { RemediationSource } from './sources/types';

/** Modules of the `remediation` plugin add fix step types that playbooks can name. */
export interface RemediationFixStepsExtensionPoint {
  addFixStepType(...steps: FixStepType[]): void;
}

export const remediationFixStepsExtensionPoint =
  createExtensionPoint<RemediationFixStepsExtensionPoint>({
    id: 'remediation.fix-steps',
  });

/** Modules of the `remediation` plugin add where failures come from (GitLab, local). */
export interface RemediationSourcesExtensionPoint {
  addSource(source: RemediationSource): void;
}

export const remediationSourcesExtensionPoint =
  createExtensionPoint<RemediationSourcesExtensionPoint>({
    id: 'remediation.sources',
  });
