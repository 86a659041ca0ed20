export { WorkflowStatus, statusKind, statusLabel } from './WorkflowStatus';
export type { AnyStatus, StatusKind } from './WorkflowStatus';
