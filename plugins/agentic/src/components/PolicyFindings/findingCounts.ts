import {
  PolicyScan,
  Severity,
  SEVERITIES,
} from '@agentic-devops/plugin-policy-common';

export interface FindingCounts {
  /** Findings no approved waiver covers, per severity. */
  open: Record<Severity, number>;
  /** Of the open ones, those that cannot be decided before apply. */
  undecided: number;
  waived: number;
}

/** What is still to fix in a scan, per severity, apart from what is waived. */
export function countFindings(findings: PolicyScan['findings']): FindingCounts {
  const open = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
    Severity,
    number
  >;
  let undecided = 0;
  let waived = 0;
  for (const finding of findings) {
    if (finding.waiverId) {
      waived += 1;
    } else {
      open[finding.severity] += 1;
      if (finding.status === 'unknown') {
        undecided += 1;
      }
    }
  }
  return { open, undecided, waived };
}
