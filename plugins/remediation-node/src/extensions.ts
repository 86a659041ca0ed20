import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { FixStepType } from './fixes/types';

/** Modules of the `remediation` plugin add fix step types that playbooks can name. */
export interface RemediationFixStepsExtensionPoint {
  addFixStepType(...steps: FixStepType[]): void;
}

export const remediationFixStepsExtensionPoint =
  createExtensionPoint<RemediationFixStepsExtensionPoint>({
    id: 'remediation.fix-steps',
  });
