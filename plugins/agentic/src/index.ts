/**
 * The agentic frontend plugin: the Planner's workflows and the Remediation
 * agent's work on entity pages and on the `/agentic` page.
 *
 * @packageDocumentation
 */
export {
  agenticPlugin,
  AgenticPage,
  EntityWorkflowsCard,
  EntityRemediationCard,
  EntityAgentsContent,
} from './plugin';
export { plannerApiRef, remediationApiRef } from './api';
export type { EntityWorkflowsCardProps } from './components/EntityWorkflowsCard';
export type { EntityRemediationCardProps } from './components/EntityRemediationCard';
