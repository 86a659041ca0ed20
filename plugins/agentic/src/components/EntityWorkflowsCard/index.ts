export { EntityWorkflowsCard } from './EntityWorkflowsCard';
export type { EntityWorkflowsCardProps } from './EntityWorkflowsCard';
