import { Config } from '@backstage/config';
import { Severity, severitySchema } from '@agentic-devops/plugin-policy-common';
import {
  RuleOverride,
  ruleOverrideSchema,
} from '@agentic-devops/plugin-policy-node';
import path from 'node:path';
import { z } from 'zod';

export interface PolicySettings {
  policiesDirectory: string;
  overrides: Record<string, RuleOverride>;
  /** An unwaived finding at or above this fails a merge request's status. */
  failOn: Severity;
  waiverMaxDays: number;
  /** The portal's address, for links from merge request notes and statuses. */
  portalUrl?: string;
}

const overridesSchema = z.record(z.string(), ruleOverrideSchema);

function readOverrides(config: Config): Record<string, RuleOverride> {
  const key = 'policy.rules.overrides';
  const raw = config.getOptional(key) ?? {};
  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue =>
        `${[key, ...issue.path.map(String)].join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid config: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function readSeverity(config: Config, key: string, fallback: Severity) {
  const value = config.getOptionalString(key) ?? fallback;
  const parsed = severitySchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `Invalid config: ${key} must be one of ${severitySchema.options.join(
        ', ',
      )}, got '${value}'`,
    );
  }
  return parsed.data;
}

/** `policy.*` settings, checked at start-up so mistakes name their key. */
export function readPolicySettings(config: Config): PolicySettings {
  const maxDays = config.getOptionalNumber('policy.waivers.maxDays') ?? 365;
  if (!Number.isInteger(maxDays) || maxDays < 1) {
    throw new Error(
      `Invalid config: policy.waivers.maxDays must be a positive integer, got ${maxDays}`,
    );
  }
  return {
    policiesDirectory: path.resolve(
      config.getOptionalString('policy.rules.directory') ?? 'policies',
    ),
    overrides: readOverrides(config),
    failOn: readSeverity(config, 'policy.gate.failOn', 'critical'),
    waiverMaxDays: maxDays,
    portalUrl: config.getOptionalString('app.baseUrl'),
  };
}
