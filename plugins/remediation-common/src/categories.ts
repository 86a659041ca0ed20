import { z } from 'zod';

/** What broke a CI job. Exactly these ids; `unknown` when nothing fits. */
export const remediationCategorySchema = z.enum([
  'missing_python_package',
  'missing_npm_package',
  'dependency_conflict',
  'missing_env_var',
  'invalid_config',
  'test_timeout',
  'flaky_test',
  'out_of_memory',
  'disk_full',
  'network_timeout',
  'compilation_error',
  'test_failure',
  'lint_failure',
  'unknown',
]);
export type RemediationCategory = z.infer<typeof remediationCategorySchema>;
export const REMEDIATION_CATEGORIES = remediationCategorySchema.options;

/**
 * Failures a machine must not "fix": the code itself is wrong (or the cause
 * is unknown). The agent diagnoses, explains and notifies, nothing more.
 */
export const NEVER_AUTO_FIXED: ReadonlySet<RemediationCategory> = new Set([
  'test_failure',
  'compilation_error',
  'lint_failure',
  'unknown',
]);

/**
 * low: acts at once (e.g. retry the job); medium: opens a merge request;
 * high: waits for an owner's approval in the portal.
 */
export const riskLevelSchema = z.enum(['low', 'medium', 'high']);
export type RiskLevel = z.infer<typeof riskLevelSchema>;
