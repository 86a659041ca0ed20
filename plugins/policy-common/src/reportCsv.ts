import { ComplianceReport } from './report';

const COLUMNS = [
  'framework',
  'ruleId',
  'severity',
  'owner',
  'entities',
  'compliant',
  'findings',
  'waived',
] as const;

/** RFC 4180: quoted when it holds a comma, a quote or a line break. */
function cell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The compliance report as CSV, one row per framework, rule and owner. */
export function complianceReportToCsv(report: ComplianceReport): string {
  const lines = [COLUMNS.join(',')];
  for (const row of report.rows) {
    lines.push(COLUMNS.map(column => cell(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
