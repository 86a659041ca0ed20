import {
  isAtLeast,
  PolicyScan,
  Severity,
} from '@agentic-devops/plugin-policy-common';

/**
 * The findings that fail a gate: not waived, and at or above `failOn`.
 * A finding whose status is `unknown` counts: a value that cannot be known
 * is not passed silently.
 */
export function blockingFindings(
  findings: PolicyScan['findings'],
  failOn: Severity,
): PolicyScan['findings'] {
  return findings.filter(f => !f.waiverId && isAtLeast(f.severity, failOn));
}
