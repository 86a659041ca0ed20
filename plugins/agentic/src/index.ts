/**
 * The agentic frontend plugin: the Planner's workflows, the Remediation
 * agent's work and the Policy agent's findings on entity pages and on the
 * `/agentic` page.
 *
 * @packageDocumentation
 */
export {
  agenticPlugin,
  AgenticPage,
  EntityWorkflowsCard,
  EntityRemediationCard,
  EntityPolicyCard,
  EntityAgentsContent,
} from './plugin';
export { plannerApiRef, policyApiRef, remediationApiRef } from './api';
export type { EntityWorkflowsCardProps } from './components/EntityWorkflowsCard';
export type { EntityRemediationCardProps } from './components/EntityRemediationCard';
export type { EntityPolicyCardProps } from './components/EntityPolicyCard';
