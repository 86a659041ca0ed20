import { Page } from '@agentic-devops/plugin-agentic-common';
import { RefQuery } from '@agentic-devops/plugin-agentic-node';
import {
  ComplianceReport,
  PolicyScan,
  ScanError,
  ScanSummary,
  ScanTrendPoint,
  ScanTrigger,
  Severity,
  Waiver,
  WaiverRequest,
  WaiverStatus,
} from '@agentic-devops/plugin-policy-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';

/** What a permission condition can filter waivers on (see permissions/rules.ts). */
export type WaiverQuery = RefQuery<'entityOwnerRef' | 'entityRef'>;

/** A waiver as stored: the public record plus the entity's owner. */
export interface StoredWaiver extends Waiver {
  entityOwnerRef?: string;
}

/** A scan to record, its findings already marked with the waivers that cover them. */
export interface NewScan {
  entityRef?: string;
  entityOwnerRef?: string;
  trigger: ScanTrigger;
  target: string;
  commitSha?: string;
  mergeRequestUrl?: string;
  /** A second scan with the same key is not recorded; the first is returned. */
  idempotencyKey?: string;
  /** The rules that ran, for the compliance report. */
  ruleIds: string[];
  summary: ScanSummary;
  findings: PolicyScan['findings'];
  errors: ScanError[];
}

/** Current severity and frameworks of a rule, for the compliance report. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  frameworks: string[];
}

export interface ListScansFilter {
  entityRef?: string;
  triggers?: ScanTrigger[];
  offset: number;
  limit: number;
}

export interface PolicyStore {
  /**
   * Stores a scan with its findings and adds the waivers' uses, in one
   * transaction. With an idempotency key already used, nothing is stored and
   * the earlier scan is returned with `created: false`.
   */
  recordScan(
    scan: NewScan,
    waiverUses: Map<string, number>,
  ): Promise<{ scan: PolicyScan; created: boolean }>;
  getScan(id: string): Promise<PolicyScan | undefined>;
  findScanByKey(idempotencyKey: string): Promise<PolicyScan | undefined>;
  /** Newest first. */
  listScans(filter: ListScansFilter): Promise<Page<PolicyScan>>;
  /**
   * Open findings per severity and waived findings of the entity's scans
   * of the given triggers, oldest first (the latest `limit`).
   */
  trend(
    entityRef: string,
    options: { triggers: ScanTrigger[]; limit: number },
  ): Promise<ScanTrendPoint[]>;

  createWaiver(
    request: WaiverRequest,
    meta: { requestedBy: string; entityOwnerRef?: string },
  ): Promise<StoredWaiver>;
  /** Pending and approved waivers past their expiry read as `expired`. */
  getWaiver(id: string): Promise<StoredWaiver | undefined>;
  getWaivers(ids: string[]): Promise<StoredWaiver[]>;
  listWaivers(filter: {
    entityRef?: string;
    status?: WaiverStatus[];
    permission?: PermissionCriteria<WaiverQuery>;
  }): Promise<StoredWaiver[]>;
  /**
   * Approves or rejects a pending, unexpired waiver (compare-and-set: of
   * two decisions at once, one wins). Undefined when it was not pending.
   */
  decideWaiver(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      by: string;
      entityOwnerRef?: string;
    },
  ): Promise<StoredWaiver | undefined>;
  /** Approved waivers of the entity that have not expired at `at`. */
  applicableWaivers(entityRef: string, at: Date): Promise<StoredWaiver[]>;
  /** Marks pending and approved waivers past their expiry as expired; returns them. */
  expireWaivers(): Promise<StoredWaiver[]>;

  /**
   * Per framework, rule and owner, over the latest scan of each entity among
   * the given triggers: entities, compliant ones, open and waived findings.
   */
  complianceReport(options: {
    rules: RuleInfo[];
    triggers: ScanTrigger[];
  }): Promise<ComplianceReport>;
}
