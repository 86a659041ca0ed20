export { EntityRemediationCard } from './EntityRemediationCard';
export type { EntityRemediationCardProps } from './EntityRemediationCard';
