export { TaskTable } from './TaskTable';
export type { TaskTableProps } from './TaskTable';
