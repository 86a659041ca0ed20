/** Words for the Remediation agent's ids and figures, for the remediation views. */
import {
  FINISHED_REMEDIATION_STATUSES,
  RemediationCategory,
  RemediationStatus,
  RiskLevel,
} from '@agentic-devops/plugin-remediation-common';
import { formatDuration } from './format';

const CATEGORY_LABELS: Record<RemediationCategory, string> = {
  missing_python_package: 'Missing Python package',
  missing_npm_package: 'Missing npm package',
  dependency_conflict: 'Dependency conflict',
  missing_env_var: 'Missing environment variable',
  invalid_config: 'Invalid configuration',
  test_timeout: 'Test timeout',
  flaky_test: 'Flaky test',
  out_of_memory: 'Out of memory',
  disk_full: 'Disk full',
  network_timeout: 'Network timeout',
  compilation_error: 'Compilation error',
  test_failure: 'Test failure',
  lint_failure: 'Lint failure',
  unknown: 'Unknown cause',
};

/** `missing_env_var` reads "Missing environment variable"; ids this version does not know read as words. */
export function categoryLabel(category: string): string {
  const known = CATEGORY_LABELS[category as RemediationCategory];
  if (known) {
    return known;
  }
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `awaiting_approval` reads "awaiting approval". */
export function remediationStatusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}

const RISK_LABELS: Record<RiskLevel, string> = {
  low: 'Low: acts at once',
  medium: 'Medium: opens a merge request',
  high: "High: waits for an owner's approval",
};

export function riskLabel(risk: RiskLevel): string {
  return RISK_LABELS[risk] ?? risk;
}

/**
 * Whether the agent is still working on it, so that it is worth polling.
 * Awaiting approval waits for people, not the agent: signals announce that.
 */
export function isRemediationInProgress(status: RemediationStatus): boolean {
  return (
    status !== 'awaiting_approval' &&
    !FINISHED_REMEDIATION_STATUSES.includes(status)
  );
}

/** GitLab's `!42` for a merge request URL, or a generic name. */
export function mergeRequestLabel(url: string): string {
  const match = /\/merge_requests\/(\d+)\/?$/.exec(url);
  return match ? `!${match[1]}` : 'Merge request';
}

/** A rate from 0 to 1 as a whole percentage, or a dash when there is none yet. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) {
    return '–';
  }
  return `${Math.round(rate * 100)}%`;
}

/** Mean time to repair in seconds as a short human text, or a dash when there is none yet. */
export function formatMttr(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  // Whole seconds: milliseconds would claim a precision MTTR does not have.
  return seconds < 1 ? '< 1 s' : formatDuration(seconds * 1000);
}
