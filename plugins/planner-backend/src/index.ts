/**
 * The Planner backend plugin: durable workflows of tasks in the Backstage
 * database.
 *
 * @packageDocumentation
 */
export { plannerPlugin as default } from './plugin';
export {
  agenticWorkflowConditions,
  createAgenticWorkflowConditionalDecision,
  workflowPermissionRules,
} from './permissions/rules';
