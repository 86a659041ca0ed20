import { Finding } from '@agentic-devops/plugin-policy-common';
import { StoredWaiver } from '../database/PolicyStore';

const patterns = new Map<string, RegExp>();

/**
 * Whether a waiver's resource pattern covers a resource name: `*` stands
 * for any run of characters (slashes and dots included), everything else
 * is literal and case-sensitive, and the whole name must match.
 */
export function resourcePatternMatches(
  pattern: string,
  resource: string,
): boolean {
  let regexp = patterns.get(pattern);
  if (!regexp) {
    const source = pattern
      .split('*')
      .map(part => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*');
    regexp = new RegExp(`^${source}$`, 's');
    patterns.set(pattern, regexp);
  }
  return regexp.test(resource);
}

/** The first of the (applicable) waivers that covers the finding: same rule, matching resource. */
export function matchWaiver(
  finding: Pick<Finding, 'ruleId' | 'resource'>,
  waivers: StoredWaiver[],
): StoredWaiver | undefined {
  return waivers.find(
    w =>
      w.ruleId === finding.ruleId &&
      resourcePatternMatches(w.resourcePattern, finding.resource),
  );
}
