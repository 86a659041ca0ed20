export { WorkflowTable, DEFAULT_PAGE_SIZE_OPTIONS } from './WorkflowTable';
export type { WorkflowTableProps } from './WorkflowTable';
