import { useCallback, useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Waiver } from '@agentic-devops/plugin-policy-common';
import { policyApiRef } from '../../api';
import { describeWaiverError, WaiverError } from './waiverErrors';

export type WaiverDecision = 'approve' | 'reject';

export interface WaiverDecisionState {
  decide: (decision: WaiverDecision) => Promise<void>;
  /** The decision on its way. */
  busy?: WaiverDecision;
  /** The last decision's failure, until the next attempt or `dismiss`. */
  error?: WaiverError;
  dismiss: () => void;
}

/**
 * Approve or reject a pending waiver. Success is announced through the alert
 * API; a failure (403 not an owner, 409 already decided) is kept for the
 * waiver to show. `onDone` runs after either, so that the list shows the
 * current state.
 */
export function useWaiverDecision(
  waiver: Pick<Waiver, 'id' | 'ruleId' | 'resourcePattern'>,
  onDone: () => void,
): WaiverDecisionState {
  const policyApi = useApi(policyApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<WaiverDecision>();
  const [error, setError] = useState<WaiverError>();
  const { id, ruleId, resourcePattern } = waiver;

  const decide = useCallback(
    async (decision: WaiverDecision) => {
      setBusy(decision);
      setError(undefined);
      try {
        if (decision === 'approve') {
          await policyApi.approveWaiver(id);
        } else {
          await policyApi.rejectWaiver(id);
        }
        alertApi.post({
          message:
            decision === 'approve'
              ? `Approved the waiver of ${ruleId} for ${resourcePattern}: it applies from the next scan`
              : `Rejected the waiver of ${ruleId} for ${resourcePattern}`,
          severity: 'success',
          display: 'transient',
        });
      } catch (e) {
        setError(
          describeWaiverError(e, {
            fallback: 'The decision failed',
            403: 'You may not decide on this waiver',
            409: 'This waiver is no longer pending',
          }),
        );
      } finally {
        setBusy(undefined);
        onDone();
      }
    },
    [policyApi, alertApi, id, ruleId, resourcePattern, onDone],
  );

  const dismiss = useCallback(() => setError(undefined), []);
  return { decide, busy, error, dismiss };
}
