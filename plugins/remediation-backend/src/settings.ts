import { Config } from '@backstage/config';
import path from 'node:path';

export interface RemediationSettings {
  playbooksDirectory: string;
  maxAttempts: number;
  branchPrefix: string;
  verifyTimeoutMs: number;
  verifyPollMs: number;
  tailBytes: number;
}

function positiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid config: ${key} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

/** `remediation.*` settings, checked at start-up so mistakes name their key. */
export function readRemediationSettings(config: Config): RemediationSettings {
  const branchPrefix =
    config.getOptionalString('remediation.branchPrefix') ?? 'agentic/fix';
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*[A-Za-z0-9]$/.test(branchPrefix)) {
    throw new Error(
      `Invalid config: remediation.branchPrefix must be a git branch prefix such as agentic/fix, got '${branchPrefix}'`,
    );
  }
  return {
    playbooksDirectory: path.resolve(
      config.getOptionalString('remediation.playbooks.directory') ??
        'playbooks',
    ),
    maxAttempts: positiveInteger(config, 'remediation.maxAttempts', 3),
    branchPrefix,
    verifyTimeoutMs:
      positiveInteger(config, 'remediation.verify.timeoutMinutes', 60) * 60_000,
    verifyPollMs:
      positiveInteger(config, 'remediation.verify.pollSeconds', 15) * 1000,
    tailBytes: positiveInteger(config, 'remediation.log.tailKiB', 32) * 1024,
  };
}
