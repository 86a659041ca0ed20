import { useCallback, useState } from 'react';
import { alertApiRef, errorApiRef, useApi } from '@backstage/core-plugin-api';
import { toError } from '@backstage/errors';
import { Task, Workflow } from '@agentic-devops/plugin-agentic-common';
import { plannerApiRef } from '../api';

export interface WorkflowActions {
  cancel: () => Promise<void>;
  retry: (task: Task) => Promise<void>;
  /** `cancel`, or `retry:<task id>`, while that action runs. */
  busy?: string;
}

/**
 * Cancel and retry for one workflow. Success is announced through the alert
 * API, failure through the error API; `onDone` runs after either.
 */
export function useWorkflowActions(
  workflow: Pick<Workflow, 'id' | 'title'>,
  onDone: () => void,
): WorkflowActions {
  const plannerApi = useApi(plannerApiRef);
  const alertApi = useApi(alertApiRef);
  const errorApi = useApi(errorApiRef);
  const [busy, setBusy] = useState<string>();
  const { id, title } = workflow;

  const run = useCallback(
    async (name: string, action: () => Promise<unknown>, success: string) => {
      setBusy(name);
      try {
        await action();
        alertApi.post({
          message: success,
          severity: 'success',
          display: 'transient',
        });
      } catch (error) {
        errorApi.post(toError(error));
      } finally {
        setBusy(undefined);
        onDone();
      }
    },
    [alertApi, errorApi, onDone],
  );

  const cancel = useCallback(
    () =>
      run(
        'cancel',
        () => plannerApi.cancelWorkflow(id),
        `Cancelled workflow "${title}"`,
      ),
    [run, plannerApi, id, title],
  );

  const retry = useCallback(
    (task: Task) =>
      run(
        `retry:${task.id}`,
        () => plannerApi.retryTask(id, task.id),
        `Retrying task "${task.title}"`,
      ),
    [run, plannerApi, id],
  );

  return { cancel, retry, busy };
}
