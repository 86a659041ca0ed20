import { WorkflowEventType, WorkflowStatus } from './schema/status';

/**
 * The signals channel the Planner publishes workflow progress on. Messages
 * carry ids and status only; listeners refetch what they may see.
 */
export const PLANNER_SIGNAL_CHANNEL = 'agentic:workflows';

export type WorkflowSignal = {
  workflowId: string;
  entityRef?: string;
  status: WorkflowStatus;
  /** The latest event type that led to this signal. */
  eventType: WorkflowEventType;
  /** The latest event's seq. */
  seq: number;
};
