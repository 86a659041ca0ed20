/**
 * The Policy agent's backend plugin and its Planner module (the
 * `policy.check` task type).
 *
 * @packageDocumentation
 */
export { policyPlugin as default } from './plugin';
export { plannerModulePolicy } from './planner/module';
export {
  agenticPolicyWaiverConditions,
  createAgenticPolicyWaiverConditionalDecision,
  policyWaiverPermissionRules,
} from './permissions/rules';
