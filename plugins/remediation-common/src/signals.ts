import { RemediationStatus } from './remediation';

/**
 * The signals channel the Remediation agent publishes changes on. Messages
 * carry ids and status only; listeners refetch what they may see.
 */
export const REMEDIATION_SIGNAL_CHANNEL = 'agentic:remediations';

export type RemediationSignal = {
  remediationId: string;
  entityRef?: string;
  status: RemediationStatus;
};
