/**
 * The Remediation agent's backend plugin, its Planner module (workflow
 * definitions and the task handlers that run its steps) and its search
 * collator module.
 *
 * @packageDocumentation
 */
export { remediationPlugin as default } from './plugin';
export { plannerModuleRemediation } from './planner/module';
export { searchModuleRemediationCollator } from './search/module';
export {
  agenticRemediationConditions,
  createAgenticRemediationConditionalDecision,
  remediationPermissionRules,
} from './permissions/rules';
export {
  PIPELINE_FAILURE_WORKFLOW,
  APPLY_APPROVED_WORKFLOW,
} from './workflows/definitions';
