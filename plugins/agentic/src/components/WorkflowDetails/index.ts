export { WorkflowDetails, WorkflowDetailsView } from './WorkflowDetails';
export type { WorkflowDetailsProps } from './WorkflowDetails';
