/**
 * The Policy agent's engine: rules from policies/ as CEL over normalised
 * Terraform, Kubernetes and Dockerfile resources, the scanner, SARIF, and
 * the policy source extension point.
 *
 * @packageDocumentation
 */
export type { PolicyResource, ParsedResources } from './resources/types';
export { policyRuleSchema } from './rules/schema';
export type { PolicyRuleSpec } from './rules/schema';
export { compileRule } from './rules/compileRule';
export type { CompiledPolicyRule, RuleOutcome } from './rules/compileRule';
export { loadPolicyRules, ruleOverrideSchema } from './rules/loadPolicyRules';
export type { PolicyRuleSet, RuleOverride } from './rules/loadPolicyRules';
export { readPolicyScannerOptions } from './rules/readPolicyScannerOptions';
export type { PolicySource } from './sources/types';
export { CelPolicySource } from './sources/CelPolicySource';
export { scanPaths } from './scan/scanPaths';
export type { ScanOptions } from './scan/scanPaths';
export type { FileParsers } from './scan/FileParsers';
export { defaultParsers } from './scan/defaultParsers';
export { parseTerraformModule, parseTerraformPlan } from './terraform';
export { parseKubernetesManifests } from './kubernetes';
export { parseDockerfile } from './dockerfile';
export { createPolicyScanner } from './createPolicyScanner';
export type { PolicyScanner } from './createPolicyScanner';
export { toSarif } from './report/toSarif';
export { findHardcodedSecrets } from './secrets/findHardcodedSecrets';
export {
  policySourcesExtensionPoint,
  policyMergeRequestSourcesExtensionPoint,
} from './extensions';
export type {
  PolicySourcesExtensionPoint,
  PolicyMergeRequestSourcesExtensionPoint,
} from './extensions';
export type {
  MergeRequestRef,
  ChangedFile,
  MergeRequestGateIntake,
  MergeRequestSource,
} from './sources/mergeRequests';
