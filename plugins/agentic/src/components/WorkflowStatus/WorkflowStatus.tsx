import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  AttemptStatus,
  TaskStatus,
  WorkflowStatus as WorkflowStatusType,
} from '@agentic-devops/plugin-agentic-common';

/** Any status the Planner reports: of a workflow, a task or an attempt. */
export type AnyStatus = WorkflowStatusType | TaskStatus | AttemptStatus;

/** Human text for a status: `lease_expired` reads "lease expired". */
export function statusLabel(status: AnyStatus): string {
  return status.replace(/_/g, ' ');
}

/** The kind of Backstage status indicator a status is shown with. */
export type StatusKind =
  | 'ok'
  | 'error'
  | 'running'
  | 'pending'
  | 'aborted'
  | 'warning';

export function statusKind(status: AnyStatus): StatusKind {
  switch (status) {
    case 'succeeded':
      return 'ok';
    case 'failed':
      return 'error';
    case 'running':
      return 'running';
    case 'cancelled':
      return 'aborted';
    case 'lease_expired':
      return 'warning';
    default:
      // pending, blocked, ready
      return 'pending';
  }
}

const indicators = {
  ok: StatusOK,
  error: StatusError,
  running: StatusRunning,
  pending: StatusPending,
  aborted: StatusAborted,
  warning: StatusWarning,
};

/** A status with Backstage's status icon: succeeded is OK, failed is an error, and so on. */
export function WorkflowStatus(props: { status: AnyStatus }) {
  const Indicator = indicators[statusKind(props.status)];
  return <Indicator>{statusLabel(props.status)}</Indicator>;
}
