import { useCallback, useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { isError, toError, type ResponseError } from '@backstage/errors';
import { Remediation } from '@agentic-devops/plugin-remediation-common';
import { remediationApiRef } from '../api';

export type Decision = 'approve' | 'reject';

/** Why a decision did not go through, in words for the person who made it. */
export interface DecisionError {
  title: string;
  message: string;
}

export interface RemediationDecision {
  decide: (decision: Decision, comment?: string) => Promise<void>;
  /** The decision on its way. */
  busy?: Decision;
  /** The last decision's failure, until the next attempt or `dismiss`. */
  error?: DecisionError;
  dismiss: () => void;
}

// By name: instanceof fails when the client came from another bundle.
const isResponseError = (error: unknown): error is ResponseError =>
  isError(error) && error.name === 'ResponseError';

/** The server's message (not "Request failed with 409 Conflict"), titled by what went wrong. */
export function describeDecisionError(error: unknown): DecisionError {
  if (!isResponseError(error)) {
    return { title: 'The decision failed', message: toError(error).message };
  }
  const message = error.cause?.message || error.message;
  switch (error.statusCode) {
    case 403:
      return { title: 'You may not decide on this fix', message };
    case 409:
      return { title: 'This fix no longer awaits approval', message };
    default:
      return { title: 'The decision failed', message };
  }
}

/**
 * Approve or reject a high-risk fix. Success is announced through the alert
 * API; a failure (403 not an owner, 409 already decided) is kept for the
 * record to show. `onDone` runs after either, so that the record shows its
 * current state.
 */
export function useRemediationDecision(
  remediation: Pick<Remediation, 'id' | 'jobName'>,
  onDone: () => void,
): RemediationDecision {
  const remediationApi = useApi(remediationApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<Decision>();
  const [error, setError] = useState<DecisionError>();
  const { id, jobName } = remediation;

  const decide = useCallback(
    async (decision: Decision, comment?: string) => {
      setBusy(decision);
      setError(undefined);
      const text = comment?.trim() || undefined;
      try {
        if (decision === 'approve') {
          await remediationApi.approve(id, text);
        } else {
          await remediationApi.reject(id, text);
        }
        alertApi.post({
          message:
            decision === 'approve'
              ? `Approved the fix for job "${jobName}": the agent applies it now`
              : `Rejected the fix for job "${jobName}"`,
          severity: 'success',
          display: 'transient',
        });
      } catch (e) {
        setError(describeDecisionError(e));
      } finally {
        setBusy(undefined);
        onDone();
      }
    },
    [remediationApi, alertApi, id, jobName, onDone],
  );

  const dismiss = useCallback(() => setError(undefined), []);
  return { decide, busy, error, dismiss };
}
