import { RuleOverride, ruleOverrideSchema } from './loadPolicyRules';
import { Config } from '@backstage/config';
import path from 'node:path';
import { z } from 'zod';

const overridesSchema = z.record(z.string(), ruleOverrideSchema);

/**
 * The rules folder and per-rule overrides, from the keys the policy plugin
 * reads (`policy.rules.directory`, `policy.rules.overrides`), so the
 * policy plugin, the scaffolder action and any other backend code judge by
 * the same rules.
 */
export function readPolicyScannerOptions(config: Config): {
  policiesDirectory: string;
  overrides: Record<string, RuleOverride>;
} {
  const key = 'policy.rules.overrides';
  const parsed = overridesSchema.safeParse(config.getOptional(key) ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue =>
        `${[key, ...issue.path.map(String)].join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid config: ${problems.join('; ')}`);
  }
  return {
    // Relative paths are resolved from the backend's working directory.
    policiesDirectory: path.resolve(
      config.getOptionalString('policy.rules.directory') ?? 'policies',
    ),
    overrides: parsed.data,
  };
}
