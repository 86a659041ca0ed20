import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Page } from '@agentic-devops/plugin-agentic-common';
import {
  applyPermissionCriteria,
  inTransaction,
  isUniqueViolation,
} from '@agentic-devops/plugin-agentic-node';
import {
  ComplianceReport,
  ComplianceRow,
  PolicyScan,
  SEVERITIES,
  ScanTrendPoint,
  ScanTrigger,
  Severity,
  WaiverRequest,
  WaiverStatus,
} from '@agentic-devops/plugin-policy-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  ListScansFilter,
  NewScan,
  PolicyStore,
  RuleInfo,
  StoredWaiver,
  WaiverQuery,
} from './PolicyStore';
import {
  FindingRow,
  ScanRow,
  toFindingRow,
  toScan,
  toWaiver,
  WaiverRow,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@agentic-devops/plugin-policy-backend',
  'migrations',
);

const SCANS = 'policy_scans';
const FINDINGS = 'policy_findings';
const WAIVERS = 'policy_waivers';

/** The compliance report's owner for entities the catalog gives no owner. */
export const NO_OWNER = 'unowned';

const queryColumns: Record<WaiverQuery['key'], string> = {
  entityOwnerRef: 'owner_ref',
  entityRef: 'entity_ref',
};

const lower = (ref?: string) => ref?.toLocaleLowerCase('en-US');

/** The Policy agent's scans, findings and waivers (SQLite or PostgreSQL). */
export class KnexPolicyStore implements PolicyStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    now?: () => number;
  }): Promise<KnexPolicyStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexPolicyStore(client, options.now);
  }

  constructor(
    private readonly db: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  // Scans

  async recordScan(
    scan: NewScan,
    waiverUses: Map<string, number>,
  ): Promise<{ scan: PolicyScan; created: boolean }> {
    if (scan.idempotencyKey) {
      const existing = await this.findScanByKey(scan.idempotencyKey);
      if (existing) return { scan: existing, created: false };
    }
    const row: ScanRow = {
      id: randomUUID(),
      entity_ref: lower(scan.entityRef) ?? null,
      owner_ref: lower(scan.entityOwnerRef) ?? null,
      trigger: scan.trigger,
      target: scan.target,
      commit_sha: scan.commitSha ?? null,
      merge_request_url: scan.mergeRequestUrl ?? null,
      idempotency_key: scan.idempotencyKey ?? null,
      rule_ids: JSON.stringify(scan.ruleIds),
      summary: JSON.stringify(scan.summary),
      errors: JSON.stringify(scan.errors),
      created_at: this.now(),
    };
    const findings = scan.findings.map((f, i) => toFindingRow(row.id, f, i));
    try {
      await inTransaction(this.db, async trx => {
        await trx(SCANS).insert(row);
        // In chunks: SQLite limits the variables of one statement.
        for (let i = 0; i < findings.length; i += 200) {
          await trx(FINDINGS).insert(findings.slice(i, i + 200));
        }
        for (const [id, count] of waiverUses) {
          await trx(WAIVERS)
            .where({ id })
            .update({ uses: trx.raw('uses + ?', [count]) });
        }
      });
    } catch (error) {
      // A redelivered webhook, or another replica, recorded this head first.
      if (!scan.idempotencyKey || !isUniqueViolation(error)) throw error;
      const winner = await this.findScanByKey(scan.idempotencyKey);
      if (!winner) throw error;
      return { scan: winner, created: false };
    }
    return { scan: toScan(row, findings), created: true };
  }

  async #withFindings(rows: ScanRow[]): Promise<PolicyScan[]> {
    if (rows.length === 0) return [];
    const findings = await this.db<FindingRow>(FINDINGS)
      .whereIn(
        'scan_id',
        rows.map(r => r.id),
      )
      .orderBy([
        { column: 'scan_id', order: 'asc' },
        { column: 'position', order: 'asc' },
      ]);
    const byScan = new Map<string, FindingRow[]>();
    for (const f of findings) {
      const list = byScan.get(f.scan_id) ?? [];
      list.push(f);
      byScan.set(f.scan_id, list);
    }
    return rows.map(r => toScan(r, byScan.get(r.id) ?? []));
  }

  async getScan(id: string) {
    const row = await this.db<ScanRow>(SCANS).where({ id }).first();
    return row ? (await this.#withFindings([row]))[0] : undefined;
  }

  async findScanByKey(idempotencyKey: string) {
    const row = await this.db<ScanRow>(SCANS)
      .where({ idempotency_key: idempotencyKey })
      .first();
    return row ? (await this.#withFindings([row]))[0] : undefined;
  }

  async listScans(filter: ListScansFilter): Promise<Page<PolicyScan>> {
    const query = this.db<ScanRow>(SCANS);
    if (filter.entityRef) query.where('entity_ref', lower(filter.entityRef));
    if (filter.triggers?.length) query.whereIn('trigger', filter.triggers);
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .select('*')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(filter.offset)
      .limit(filter.limit);
    return {
      items: await this.#withFindings(rows),
      totalCount: Number(count),
      offset: filter.offset,
      limit: filter.limit,
    };
  }

  async trend(
    entityRef: string,
    options: { triggers: ScanTrigger[]; limit: number },
  ): Promise<ScanTrendPoint[]> {
    const scans = await this.db<ScanRow>(SCANS)
      .where('entity_ref', lower(entityRef))
      .whereIn('trigger', options.triggers)
      .select('id', 'created_at')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    if (scans.length === 0) return [];
    const counts = (await this.db(FINDINGS)
      .whereIn(
        'scan_id',
        scans.map(s => s.id),
      )
      .select('scan_id', 'severity')
      .select(
        this.db.raw(
          'sum(case when waiver_id is null then 1 else 0 end) as open',
        ),
        this.db.raw(
          'sum(case when waiver_id is null then 0 else 1 end) as waived',
        ),
      )
      .groupBy('scan_id', 'severity')) as Array<{
      scan_id: string;
      severity: Severity;
      open: unknown;
      waived: unknown;
    }>;
    return scans.reverse().map(scan => {
      const bySeverity = Object.fromEntries(
        SEVERITIES.map(s => [s, 0]),
      ) as Record<Severity, number>;
      let waived = 0;
      for (const c of counts.filter(x => x.scan_id === scan.id)) {
        bySeverity[c.severity] += Number(c.open);
        waived += Number(c.waived);
      }
      return {
        scanId: scan.id,
        createdAt: new Date(Number(scan.created_at)).toISOString(),
        bySeverity,
        waived,
      };
    });
  }

  // Waivers

  async createWaiver(
    request: WaiverRequest,
    meta: { requestedBy: string; entityOwnerRef?: string },
  ): Promise<StoredWaiver> {
    const row: WaiverRow = {
      id: randomUUID(),
      rule_id: request.ruleId,
      entity_ref: lower(request.entityRef)!,
      owner_ref: lower(meta.entityOwnerRef) ?? null,
      resource_pattern: request.resourcePattern,
      reason: request.reason,
      expires_at: Date.parse(request.expiresAt),
      status: 'pending',
      requested_by: meta.requestedBy,
      requested_at: this.now(),
      decided_by: null,
      decided_at: null,
      uses: 0,
    };
    await this.db(WAIVERS).insert(row);
    return toWaiver(row, this.now());
  }

  async getWaiver(id: string) {
    const row = await this.db<WaiverRow>(WAIVERS).where({ id }).first();
    return row ? toWaiver(row, this.now()) : undefined;
  }

  async getWaivers(ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await this.db<WaiverRow>(WAIVERS).whereIn('id', ids);
    const now = this.now();
    const byId = new Map(rows.map(r => [r.id, toWaiver(r, now)]));
    return ids.flatMap(id => byId.get(id) ?? []);
  }

  /** Rows that read as `status` at `now` (expiry computed, not only stored). */
  #whereStatus(query: Knex.QueryBuilder, status: WaiverStatus, now: number) {
    switch (status) {
      case 'pending':
      case 'approved':
        query.orWhere(q =>
          q.where('status', status).andWhere('expires_at', '>', now),
        );
        break;
      case 'expired':
        query.orWhere(q =>
          q
            .where('status', 'expired')
            .orWhere(lapsed =>
              lapsed
                .whereIn('status', ['pending', 'approved'])
                .andWhere('expires_at', '<=', now),
            ),
        );
        break;
      default:
        query.orWhere('status', status);
    }
  }

  async listWaivers(filter: {
    entityRef?: string;
    status?: WaiverStatus[];
    permission?: PermissionCriteria<WaiverQuery>;
  }): Promise<StoredWaiver[]> {
    const now = this.now();
    const query = this.db<WaiverRow>(WAIVERS);
    if (filter.entityRef) query.where('entity_ref', lower(filter.entityRef));
    if (filter.status?.length) {
      query.where(q => {
        for (const status of filter.status!) this.#whereStatus(q, status, now);
      });
    }
    if (filter.permission) {
      applyPermissionCriteria(query, filter.permission, k => queryColumns[k]);
    }
    const rows = await query.orderBy([
      { column: 'requested_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(r => toWaiver(r, now));
  }

  async decideWaiver(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      by: string;
      entityOwnerRef?: string;
    },
  ): Promise<StoredWaiver | undefined> {
    const now = this.now();
    const changed = await this.db(WAIVERS)
      .where({ id, status: 'pending' })
      .andWhere('expires_at', '>', now)
      .update({
        status: decision.status,
        decided_by: decision.by,
        decided_at: now,
        ...(decision.entityOwnerRef && {
          owner_ref: lower(decision.entityOwnerRef),
        }),
      });
    return changed ? this.getWaiver(id) : undefined;
  }

  async applicableWaivers(entityRef: string, at: Date) {
    const rows = await this.db<WaiverRow>(WAIVERS)
      .where({ entity_ref: lower(entityRef), status: 'approved' })
      .andWhere('expires_at', '>', at.getTime())
      .orderBy([
        { column: 'requested_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(r => toWaiver(r, at.getTime()));
  }

  async expireWaivers(): Promise<StoredWaiver[]> {
    const now = this.now();
    const lapsed = await this.db<WaiverRow>(WAIVERS)
      .whereIn('status', ['pending', 'approved'])
      .andWhere('expires_at', '<=', now);
    const expired: StoredWaiver[] = [];
    for (const row of lapsed) {
      // Only from the state read: a replica doing the same marks it once.
      const changed = await this.db(WAIVERS)
        .where({ id: row.id, status: row.status })
        .update({ status: 'expired' });
      if (changed) expired.push(toWaiver({ ...row, status: 'expired' }, now));
    }
    return expired;
  }

  // Reports

  /** The latest scan of each entity among the triggers. */
  #latestScans(triggers: ScanTrigger[]) {
    const db = this.db;
    return db(`${SCANS} as s`)
      .whereNotNull('s.entity_ref')
      .whereIn('s.trigger', triggers)
      .whereNotExists(
        db(`${SCANS} as t`)
          .select(db.raw('1'))
          .whereRaw('t.entity_ref = s.entity_ref')
          .whereIn('t.trigger', triggers)
          .where(newer =>
            newer
              .whereRaw('t.created_at > s.created_at')
              .orWhere(tie =>
                tie
                  .whereRaw('t.created_at = s.created_at')
                  .andWhereRaw('t.id > s.id'),
              ),
          ),
      );
  }

  async complianceReport(options: {
    rules: RuleInfo[];
    triggers: ScanTrigger[];
  }): Promise<ComplianceReport> {
    const scans = (await this.#latestScans(options.triggers).select(
      's.id',
      's.owner_ref',
      's.rule_ids',
    )) as Array<Pick<ScanRow, 'id' | 'owner_ref' | 'rule_ids'>>;
    const counts = (await this.db(`${FINDINGS} as f`)
      .whereIn('f.scan_id', this.#latestScans(options.triggers).select('s.id'))
      .select('f.scan_id', 'f.rule_id')
      .select(
        this.db.raw(
          'sum(case when f.waiver_id is null then 1 else 0 end) as open',
        ),
        this.db.raw(
          'sum(case when f.waiver_id is null then 0 else 1 end) as waived',
        ),
      )
      .max({ severity: 'f.severity', frameworks: 'f.frameworks' })
      .groupBy('f.scan_id', 'f.rule_id')) as Array<{
      scan_id: string;
      rule_id: string;
      open: unknown;
      waived: unknown;
      severity: Severity;
      frameworks: string;
    }>;

    const current = new Map(options.rules.map(r => [r.id, r]));
    const findingsOf = new Map<string, Map<string, (typeof counts)[number]>>();
    for (const c of counts) {
      const perRule = findingsOf.get(c.scan_id) ?? new Map();
      perRule.set(c.rule_id, c);
      findingsOf.set(c.scan_id, perRule);
    }

    const rows = new Map<string, ComplianceRow>();
    for (const scan of scans) {
      const perRule = findingsOf.get(scan.id) ?? new Map();
      const ran = new Set<string>([
        ...(JSON.parse(scan.rule_ids) as string[]),
        ...perRule.keys(),
      ]);
      for (const ruleId of ran) {
        const found = perRule.get(ruleId);
        // Current configuration first; a rule since removed keeps what its findings said.
        const info: RuleInfo | undefined =
          current.get(ruleId) ??
          (found && {
            id: ruleId,
            severity: found.severity,
            frameworks: JSON.parse(found.frameworks),
          });
        if (!info) continue;
        const open = Number(found?.open ?? 0);
        const waived = Number(found?.waived ?? 0);
        const owner = scan.owner_ref ?? NO_OWNER;
        for (const framework of info.frameworks) {
          const key = JSON.stringify([framework, ruleId, owner]);
          const row = rows.get(key) ?? {
            framework,
            ruleId,
            severity: info.severity,
            owner,
            entities: 0,
            compliant: 0,
            findings: 0,
            waived: 0,
          };
          row.entities += 1;
          if (open === 0) row.compliant += 1;
          row.findings += open;
          row.waived += waived;
          rows.set(key, row);
        }
      }
    }
    const sorted = [...rows.values()].sort(
      (a, b) =>
        a.framework.localeCompare(b.framework) ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.owner.localeCompare(b.owner),
    );
    const frameworks = new Map<string, { compliant: number; total: number }>();
    for (const row of sorted) {
      const total = frameworks.get(row.framework) ?? { compliant: 0, total: 0 };
      total.compliant += row.compliant;
      total.total += row.entities;
      frameworks.set(row.framework, total);
    }
    return {
      generatedAt: new Date(this.now()).toISOString(),
      frameworks: [...frameworks].map(([framework, t]) => ({
        framework,
        ...t,
      })),
      rows: sorted,
    };
  }
}
