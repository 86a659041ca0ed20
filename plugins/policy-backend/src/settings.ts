import { Config } from '@backstage/config';
import { Severity, severitySchema } from '@agentic-devops/plugin-policy-common';
import path from 'node:path';
import {
  readPolicyScannerOptions,
  RuleOverride,
} from '@agentic-devops/plugin-policy-node';

export interface PolicySettings {
  policiesDirectory: string;
  overrides: Record<string, RuleOverride>;
  /** An unwaived finding at or above this fails a merge request's status. */
  failOn: Severity;
  waiverMaxDays: number;
  /** Where `policy.check` may scan (real paths); undefined: anywhere. */
  checkRoots?: string[];
  /** The portal's address, for links from merge request notes and statuses. */
  portalUrl?: string;
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
    ...readPolicyScannerOptions(config),
    failOn: readSeverity(config, 'policy.gate.failOn', 'critical'),
    waiverMaxDays: maxDays,
    checkRoots: config
      .getOptionalStringArray('policy.check.roots')
      ?.map(root => path.resolve(root)),
    portalUrl: config.getOptionalString('app.baseUrl'),
  };
}
