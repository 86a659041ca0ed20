export { WorkflowProgress } from './WorkflowProgress';
