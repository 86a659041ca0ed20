import {
  Finding,
  PolicyScan,
  ScanTrigger,
  WaiverStatus,
} from '@agentic-devops/plugin-policy-common';
import { StoredWaiver } from './PolicyStore';

// Row shapes of the migration. Times are epoch ms; PostgreSQL returns bigint
// columns as strings, hence Number().

export type ScanRow = {
  id: string;
  entity_ref: string | null;
  owner_ref: string | null;
  trigger: ScanTrigger;
  target: string;
  commit_sha: string | null;
  merge_request_url: string | null;
  idempotency_key: string | null;
  rule_ids: string;
  summary: string;
  errors: string;
  created_at: number | string;
};

export type FindingRow = {
  id?: number | string;
  scan_id: string;
  position: number;
  rule_id: string;
  severity: Finding['severity'];
  file: string;
  line: number;
  resource: string;
  message: string;
  remediation: string;
  frameworks: string;
  status: Finding['status'];
  detail: string | null;
  waiver_id: string | null;
};

export type WaiverRow = {
  id: string;
  rule_id: string;
  entity_ref: string;
  owner_ref: string | null;
  resource_pattern: string;
  reason: string;
  expires_at: number | string;
  status: WaiverStatus;
  requested_by: string;
  requested_at: number | string;
  decided_by: string | null;
  decided_at: number | string | null;
  uses: number | string;
};

const iso = (value: number | string) => new Date(Number(value)).toISOString();

const opt = <T>(value: T | null): T | undefined =>
  value === null ? undefined : value;

export function toFinding(row: FindingRow): PolicyScan['findings'][number] {
  return {
    ruleId: row.rule_id,
    severity: row.severity,
    file: row.file,
    line: Number(row.line),
    resource: row.resource,
    message: row.message,
    remediation: row.remediation,
    frameworks: JSON.parse(row.frameworks),
    status: row.status,
    ...(row.detail !== null && { detail: row.detail }),
    ...(row.waiver_id !== null && { waiverId: row.waiver_id }),
  };
}

export function toFindingRow(
  scanId: string,
  finding: PolicyScan['findings'][number],
  position: number,
): FindingRow {
  return {
    scan_id: scanId,
    position,
    rule_id: finding.ruleId,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    resource: finding.resource,
    message: finding.message,
    remediation: finding.remediation,
    frameworks: JSON.stringify(finding.frameworks),
    status: finding.status,
    detail: finding.detail ?? null,
    waiver_id: finding.waiverId ?? null,
  };
}

export function toScan(row: ScanRow, findings: FindingRow[]): PolicyScan {
  return {
    id: row.id,
    entityRef: opt(row.entity_ref),
    trigger: row.trigger,
    target: row.target,
    commitSha: opt(row.commit_sha),
    mergeRequestUrl: opt(row.merge_request_url),
    createdAt: iso(row.created_at),
    summary: JSON.parse(row.summary),
    findings: findings.map(toFinding),
    errors: JSON.parse(row.errors),
  };
}

/** Pending and approved waivers past their expiry are expired, whatever the row says yet. */
export function toWaiver(row: WaiverRow, now: number): StoredWaiver {
  const lapsed =
    (row.status === 'pending' || row.status === 'approved') &&
    Number(row.expires_at) <= now;
  return {
    id: row.id,
    ruleId: row.rule_id,
    entityRef: row.entity_ref,
    entityOwnerRef: opt(row.owner_ref),
    resourcePattern: row.resource_pattern,
    reason: row.reason,
    expiresAt: iso(row.expires_at),
    status: lapsed ? 'expired' : row.status,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    decidedBy: opt(row.decided_by),
    decidedAt: row.decided_at === null ? undefined : iso(row.decided_at),
    uses: Number(row.uses),
  };
}

/** The public record. */
export function toPublicWaiver(waiver: StoredWaiver) {
  const { entityOwnerRef: _owner, ...rest } = waiver;
  return rest;
}
