import { useApi } from '@backstage/core-plugin-api';
import {
  isTerminalWorkflowStatus,
  PLANNER_SIGNAL_CHANNEL,
  WorkflowDetails,
  WorkflowSignal,
} from '@agentic-devops/plugin-agentic-common';
import { plannerApiRef } from '../api';
import { LiveLoadState, useLiveLoad } from './useLiveLoad';

/** One workflow with its tasks, attempts and events, kept current while it runs. */
export function useWorkflowDetails(
  workflowId: string,
): LiveLoadState<WorkflowDetails> {
  const plannerApi = useApi(plannerApiRef);
  return useLiveLoad<WorkflowDetails, WorkflowSignal>(
    () => plannerApi.getWorkflow(workflowId),
    workflowId,
    {
      channel: PLANNER_SIGNAL_CHANNEL,
      concerns: signal => signal.workflowId === workflowId,
      isLive: workflow => !isTerminalWorkflowStatus(workflow.status),
    },
  );
}
