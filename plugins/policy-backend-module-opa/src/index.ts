/**
 * An Open Policy Agent server as a policy source for the Policy agent,
 * through @styra/opa: each resource is sent as `input`, and the decision
 * (a list of violations) becomes findings. The default export is the
 * backend module; it registers the source when `policy.opa.baseUrl` is
 * configured. README.md describes the decision a platform team's Rego
 * returns.
 *
 * @packageDocumentation
 */
export { policyModuleOpa as default } from './module';
export { OpaPolicySource } from './OpaPolicySource';
export { opaDecisionSchema, opaViolationSchema } from './decision';
export type { OpaViolation } from './decision';
export { readOpaSettings, DEFAULT_DECISION_PATH } from './readOpaSettings';
export type { OpaSettings } from './readOpaSettings';
