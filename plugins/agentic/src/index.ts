/**
 * The agentic frontend plugin: the Planner's workflows on entity pages and
 * on the `/agentic` page.
 *
 * @packageDocumentation
 */
export {
  agenticPlugin,
  AgenticPage,
  EntityWorkflowsCard,
  EntityAgentsContent,
} from './plugin';
export { plannerApiRef } from './api';
export type { EntityWorkflowsCardProps } from './components/EntityWorkflowsCard';
