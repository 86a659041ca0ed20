import {
  PolicyScan,
  SEVERITIES,
  Severity,
} from '@agentic-devops/plugin-policy-common';
import { blockingFindings } from '../service/blockingFindings';

/** Finds the agent's one note on a merge request. */
export const POLICY_NOTE_MARKER = '<!-- agentic-policy -->';

/** Findings shown in the table; the rest are counted and left to the portal. */
const MAX_ROWS = 50;

/** Text for a table cell: no line breaks, pipes escaped. */
const cell = (text: string) =>
  text.replace(/\s*\r?\n\s*/g, ' ').replace(/\|/g, '\\|');

/**
 * Code span for text from the merge request itself (paths, resource names,
 * commands): shown literally, so it cannot mention people or add links.
 */
const code = (text: string) => `\`${cell(text).replace(/`/g, "'")}\``;

const location = (f: { file: string; line: number }) =>
  f.line > 0 ? `${f.file}:${f.line}` : f.file;

/** One line per severity: how many open findings. */
function severityLine(findings: PolicyScan['findings']): string {
  const open = findings.filter(f => !f.waiverId);
  return SEVERITIES.map(severity => {
    const count = open.filter(f => f.severity === severity).length;
    const text = `${count} ${severity}`;
    return count > 0 ? `**${text}**` : text;
  }).join(' · ');
}

/**
 * The agent's note on a merge request: whether it passes, open findings per
 * severity, a table of findings with their fixes, the waived ones, and the
 * files that could not be scanned.
 */
export function renderNote(
  scan: PolicyScan,
  options: { failOn: Severity; portalUrl?: string },
): string {
  const blocking = blockingFindings(scan.findings, options.failOn);
  const open = scan.findings.filter(f => !f.waiverId);
  const waived = scan.findings.filter(f => f.waiverId);
  const lines = [
    POLICY_NOTE_MARKER,
    `### Policy check ${blocking.length ? 'failed' : 'passed'}`,
    '',
    `Commit ${code(scan.commitSha?.slice(0, 12) ?? 'unknown')}: ${
      scan.summary.files
    } changed file${scan.summary.files === 1 ? '' : 's'} scanned. ${
      blocking.length
        ? `${blocking.length} open finding${
            blocking.length === 1 ? ' is' : 's are'
          } ${options.failOn} or worse, so this check fails.`
        : `Nothing open is ${options.failOn} or worse.`
    }`,
    '',
    `Open findings: ${severityLine(scan.findings)}${
      waived.length ? ` (${waived.length} waived)` : ''
    }`,
  ];

  if (open.length) {
    lines.push(
      '',
      '| Severity | Where | Rule | Resource | Problem | Fix |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const f of open.slice(0, MAX_ROWS)) {
      const problem = f.detail
        ? `${cell(f.message)} ${code(f.detail)}`
        : cell(f.message);
      lines.push(
        `| ${f.severity}${f.status === 'unknown' ? ' (unknown)' : ''} | ${code(
          location(f),
        )} | ${code(f.ruleId)} | ${code(f.resource)} | ${problem} | ${cell(
          f.remediation,
        )} |`,
      );
    }
    if (open.length > MAX_ROWS) {
      lines.push(
        '',
        `… and ${open.length - MAX_ROWS} more open findings${
          options.portalUrl ? ', listed in the portal' : ''
        }.`,
      );
    }
  }

  if (waived.length) {
    lines.push('', '#### Waived', '');
    for (const f of waived) {
      lines.push(
        `- ${code(f.ruleId)} on ${code(f.resource)} at ${code(
          location(f),
        )}: waiver ${code(f.waiverId!)}`,
      );
    }
  }

  if (scan.errors.length) {
    lines.push('', '#### Not scanned', '');
    for (const e of scan.errors) {
      lines.push(`- ${code(e.file)}: ${cell(e.error)}`);
    }
  }

  if (options.portalUrl) {
    lines.push(
      '',
      `[Policy results and waivers in the portal](${options.portalUrl.replace(
        /\/$/,
        '',
      )}/agentic/policy)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The commit status's short description. */
export function statusDescription(scan: PolicyScan, failOn: Severity): string {
  const blocking = blockingFindings(scan.findings, failOn);
  const waived = scan.findings.filter(f => f.waiverId).length;
  const suffix = waived ? ` (${waived} waived)` : '';
  if (blocking.length) {
    return `${blocking.length} finding${
      blocking.length === 1 ? '' : 's'
    } at ${failOn} or above${suffix}`;
  }
  return `No open findings at ${failOn} or above${suffix}`;
}
