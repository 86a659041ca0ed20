import { ScanReport, SEVERITIES } from '@agentic-devops/plugin-policy-common';

/** A scan for people: one block per finding, then errors and a summary. */
export function formatReport(report: ScanReport): string[] {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(
      `${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}  ${f.file}:${
        f.line
      }  ${f.resource}`,
      `         ${f.message}${f.detail ? ` (${f.detail})` : ''}${
        f.status === 'unknown' ? ' — cannot be decided before apply' : ''
      }`,
      `         fix: ${f.remediation}`,
    );
  }
  for (const e of report.errors) lines.push(`ERROR    ${e.file}: ${e.error}`);
  const { summary } = report;
  lines.push(
    `${summary.findings} finding(s) (${SEVERITIES.map(
      s => `${summary.bySeverity[s]} ${s}`,
    ).join(', ')}) in ${summary.files} file(s), ${
      summary.resources
    } resource(s); ${summary.errors} error(s)`,
  );
  return lines;
}
