/** Words for the Policy agent's ids, for the policy views. */
import {
  Finding,
  ScanTrigger,
  Severity,
} from '@agentic-devops/plugin-policy-common';

/** `critical` reads "Critical". */
export function severityLabel(severity: Severity): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}

const TRIGGER_LABELS: Record<ScanTrigger, string> = {
  merge_request: 'a merge request',
  scaffolder: 'a template run',
  workflow: "a workflow's policy.check",
  api: 'a request to the API',
};

/** What started a scan, as the end of "Scanned for …". */
export function triggerLabel(trigger: ScanTrigger): string {
  return TRIGGER_LABELS[trigger] ?? trigger;
}

/** `infra/main.tf:12`, or the file alone when the file as a whole is meant. */
export function findingLocation(finding: Pick<Finding, 'file' | 'line'>) {
  return finding.line > 0 ? `${finding.file}:${finding.line}` : finding.file;
}

/** What a finding's status means, for people. */
export function findingStatusLabel(status: Finding['status']): string {
  return status === 'unknown' ? 'cannot be decided before apply' : 'violated';
}

/** The day of a timestamp, as `2025-09-01` (UTC), or the text as given. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}
