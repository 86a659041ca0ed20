import { useApi } from '@backstage/core-plugin-api';
import {
  isTerminalWorkflowStatus,
  ListWorkflowsQuery,
  Page,
  PLANNER_SIGNAL_CHANNEL,
  Workflow,
  WorkflowSignal,
} from '@agentic-devops/plugin-agentic-common';
import { plannerApiRef } from '../api';
import { LiveLoadState, useLiveLoad } from './useLiveLoad';

/**
 * One page of workflows, kept current: a signal about a listed workflow, or
 * about any workflow that matches the entity filter (or any workflow at all
 * without one), refetches; unfinished workflows are polled.
 */
export function useWorkflows(
  query: ListWorkflowsQuery,
): LiveLoadState<Page<Workflow>> {
  const plannerApi = useApi(plannerApiRef);
  return useLiveLoad<Page<Workflow>, WorkflowSignal>(
    () => plannerApi.listWorkflows(query),
    JSON.stringify(query),
    {
      channel: PLANNER_SIGNAL_CHANNEL,
      concerns: (signal, page) =>
        Boolean(page?.items.some(w => w.id === signal.workflowId)) ||
        !query.entityRef ||
        signal.entityRef === query.entityRef,
      isLive: page => page.items.some(w => !isTerminalWorkflowStatus(w.status)),
    },
  );
}
