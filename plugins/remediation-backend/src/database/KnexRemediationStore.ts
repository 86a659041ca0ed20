import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Page } from '@agentic-devops/plugin-agentic-common';
import {
  applyPermissionCriteria,
  inTransaction,
  isPostgres,
  isUniqueViolation,
} from '@agentic-devops/plugin-agentic-node';
import {
  Remediation,
  RemediationStats,
  RemediationStatus,
} from '@agentic-devops/plugin-remediation-common';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  AttemptClaim,
  FixRecord,
  ListRemediationsFilter,
  RemediationPatch,
  RemediationQuery,
  RemediationStore,
  StoredRemediation,
} from './RemediationStore';
import {
  FixRow,
  RemediationRow,
  toRemediation,
  toStoredRemediation,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@agentic-devops/plugin-remediation-backend',
  'migrations',
);

const REMEDIATIONS = 'remediations';
const FIXES = 'remediation_fixes';

const queryColumns: Record<RemediationQuery['key'], string> = {
  entityOwnerRef: 'entity_owner_ref',
  entityRef: 'entity_ref',
};

const lower = (ref?: string) => ref?.toLocaleLowerCase('en-US');

/** The Remediation agent's records in the plugin's database (SQLite or PostgreSQL). */
export class KnexRemediationStore implements RemediationStore {
  static async create(options: {
    database: DatabaseService;
    maxAttempts: number;
    skipMigrations?: boolean;
    now?: () => number;
  }): Promise<KnexRemediationStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexRemediationStore(client, options.maxAttempts, options.now);
  }

  constructor(
    private readonly db: Knex,
    private readonly maxAttempts: number,
    private readonly now: () => number = Date.now,
  ) {}

  #toStored = (row: RemediationRow) =>
    toStoredRemediation(row, this.maxAttempts);

  async receive(
    job: FailedJob,
    entity: { ref?: string; owner?: string },
  ): Promise<{ remediation: StoredRemediation; created: boolean }> {
    const existing = await this.#findJob(job);
    if (existing) return { remediation: existing, created: false };
    const now = this.now();
    const failedAt = job.failedAt ? Date.parse(job.failedAt) : NaN;
    const row: RemediationRow = {
      id: randomUUID(),
      source: job.source,
      project: job.project,
      job_id: job.jobId,
      pipeline_id: job.pipelineId,
      job_name: job.jobName,
      ref: job.ref,
      commit_sha: job.commitSha ?? null,
      job_url: job.jobUrl ?? null,
      pipeline_url: job.pipelineUrl ?? null,
      entity_ref: lower(entity.ref) ?? null,
      entity_owner_ref: lower(entity.owner) ?? null,
      status: 'received',
      category: null,
      diagnosis: null,
      log_tail: null,
      fingerprint: null,
      attempt: 0,
      branch: null,
      merge_request_url: null,
      verify_pipeline_id: null,
      verify_pipeline_url: null,
      approval: null,
      workflow_ids: '[]',
      summary: null,
      error: null,
      failed_at: Number.isFinite(failedAt) ? failedAt : now,
      created_at: now,
      updated_at: now,
      resolved_at: null,
    };
    try {
      await this.db(REMEDIATIONS).insert(row);
      return { remediation: this.#toStored(row), created: true };
    } catch (error) {
      // Another replica (or a redelivery) recorded the same job first.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.#findJob(job);
      if (!winner) throw error;
      return { remediation: winner, created: false };
    }
  }

  async #findJob(job: FailedJob) {
    const row = await this.db<RemediationRow>(REMEDIATIONS)
      .where({ source: job.source, project: job.project, job_id: job.jobId })
      .first();
    return row ? this.#toStored(row) : undefined;
  }

  async get(id: string) {
    const row = await this.db<RemediationRow>(REMEDIATIONS)
      .where({ id })
      .first();
    return row ? this.#toStored(row) : undefined;
  }

  async getMany(ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await this.db<RemediationRow>(REMEDIATIONS).whereIn('id', ids);
    const byId = new Map(rows.map(r => [r.id, this.#toStored(r)]));
    return ids.flatMap(id => byId.get(id) ?? []);
  }

  #filtered(filter: {
    entityRef?: string;
    status?: RemediationStatus[];
    permission?: PermissionCriteria<RemediationQuery>;
  }) {
    const query = this.db<RemediationRow>(REMEDIATIONS);
    if (filter.entityRef) query.where('entity_ref', lower(filter.entityRef));
    if (filter.status?.length) query.whereIn('status', filter.status);
    if (filter.permission) {
      applyPermissionCriteria(query, filter.permission, k => queryColumns[k]);
    }
    return query;
  }

  async list(filter: ListRemediationsFilter): Promise<Page<Remediation>> {
    const [{ count }] = await this.#filtered(filter).count({ count: '*' });
    const rows = await this.#filtered(filter)
      .orderBy([
        { column: 'failed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(filter.offset)
      .limit(filter.limit);
    return {
      items: rows.map(r => toRemediation(this.#toStored(r))),
      totalCount: Number(count),
      offset: filter.offset,
      limit: filter.limit,
    };
  }

  async update(
    id: string,
    patch: RemediationPatch,
    onlyFrom?: RemediationStatus[],
  ): Promise<StoredRemediation | undefined> {
    const update: Partial<RemediationRow> = { updated_at: this.now() };
    if (patch.status !== undefined) update.status = patch.status;
    if (patch.diagnosis !== undefined) {
      update.diagnosis = JSON.stringify(patch.diagnosis);
      update.category = patch.diagnosis.category;
    }
    if (patch.logTail !== undefined)
      update.log_tail = JSON.stringify(patch.logTail);
    if (patch.fingerprint !== undefined) update.fingerprint = patch.fingerprint;
    if (patch.branch !== undefined) update.branch = patch.branch;
    if (patch.mergeRequestUrl !== undefined)
      update.merge_request_url = patch.mergeRequestUrl;
    if (patch.verifyPipelineId !== undefined)
      update.verify_pipeline_id = patch.verifyPipelineId;
    if (patch.verifyPipelineUrl !== undefined)
      update.verify_pipeline_url = patch.verifyPipelineUrl;
    if (patch.approval !== undefined)
      update.approval = JSON.stringify(patch.approval);
    if (patch.summary !== undefined) update.summary = patch.summary;
    if (patch.error !== undefined) update.error = patch.error;
    if (patch.resolvedAt !== undefined)
      update.resolved_at =
        patch.resolvedAt === null ? null : Date.parse(patch.resolvedAt);

    const query = this.db<RemediationRow>(REMEDIATIONS).where({ id });
    if (onlyFrom) query.whereIn('status', onlyFrom);
    const changed = await query.update(update);
    return changed ? this.get(id) : undefined;
  }

  async addWorkflow(id: string, workflowId: string): Promise<void> {
    await inTransaction(this.db, async trx => {
      const query = trx<RemediationRow>(REMEDIATIONS).where({ id }).first();
      const row = await (isPostgres(trx) ? query.forUpdate() : query);
      if (!row) return;
      const ids: string[] = JSON.parse(row.workflow_ids);
      if (ids.includes(workflowId)) return;
      await trx(REMEDIATIONS)
        .where({ id })
        .update({
          workflow_ids: JSON.stringify([...ids, workflowId]),
          updated_at: this.now(),
        });
    });
  }

  async claimAttempt(
    fingerprint: string,
    remediationId: string,
    maxAttempts: number,
  ): Promise<AttemptClaim> {
    return inTransaction(this.db, async trx => {
      const remediation = await trx<RemediationRow>(REMEDIATIONS)
        .where({ id: remediationId })
        .first();
      if (remediation && Number(remediation.attempt) > 0) {
        return { claimed: true, attempt: Number(remediation.attempt) };
      }
      const now = this.now();
      await trx(FIXES)
        .insert({ fingerprint, attempts: 0, created_at: now, updated_at: now })
        .onConflict('fingerprint')
        .ignore();
      // Conditional increment: of two replicas claiming the last attempt, one gets it.
      const claimed = await trx(FIXES)
        .where({ fingerprint })
        .andWhere('attempts', '<', maxAttempts)
        .update({
          attempts: trx.raw('attempts + 1'),
          last_remediation_id: remediationId,
          updated_at: now,
        });
      const fix = await trx<FixRow>(FIXES).where({ fingerprint }).first();
      const attempts = Number(fix!.attempts);
      if (!claimed) return { claimed: false, attempts };
      await trx(REMEDIATIONS)
        .where({ id: remediationId })
        .update({ attempt: attempts, fingerprint, updated_at: now });
      return { claimed: true, attempt: attempts };
    });
  }

  async getFix(fingerprint: string): Promise<FixRecord | undefined> {
    const row = await this.db<FixRow>(FIXES).where({ fingerprint }).first();
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      attempts: Number(row.attempts),
      branch: row.branch ?? undefined,
      mergeRequestUrl: row.merge_request_url ?? undefined,
      lastRemediationId: row.last_remediation_id ?? undefined,
    };
  }

  async recordFixBranch(
    fingerprint: string,
    fix: { branch: string; mergeRequestUrl?: string },
  ): Promise<void> {
    await this.db(FIXES)
      .where({ fingerprint })
      .update({
        branch: fix.branch,
        ...(fix.mergeRequestUrl && { merge_request_url: fix.mergeRequestUrl }),
        updated_at: this.now(),
      });
  }

  async stats(filter: {
    entityRef?: string;
    permission?: PermissionCriteria<RemediationQuery>;
  }): Promise<RemediationStats> {
    const byStatusRows = await this.#filtered(filter)
      .select('status')
      .count({ count: '*' })
      .groupBy('status');
    const byStatus: Record<string, number> = {};
    for (const row of byStatusRows as Array<{ status: string; count: unknown }>)
      byStatus[row.status] = Number(row.count);
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);

    const fixed = byStatus.fixed ?? 0;
    const attempted = fixed + (byStatus.failed ?? 0) + (byStatus.gave_up ?? 0);

    const [mttr] = await this.#filtered({ ...filter, status: ['fixed'] })
      .whereNotNull('resolved_at')
      .avg({ seconds: this.db.raw('(resolved_at - failed_at) / 1000.0') });

    const causes = await this.#filtered(filter)
      .whereNotNull('category')
      .select('category')
      .count({ count: '*' })
      .groupBy('category')
      .orderBy([
        { column: 'count', order: 'desc' },
        { column: 'category', order: 'asc' },
      ])
      .limit(10);

    const seconds = (mttr as { seconds: unknown } | undefined)?.seconds;
    return {
      total,
      successRate: attempted ? fixed / attempted : null,
      mttrSeconds:
        seconds === null || seconds === undefined
          ? null
          : Math.round(Number(seconds)),
      byStatus,
      topCauses: (causes as Array<{ category: string; count: unknown }>).map(
        c => ({ category: c.category, count: Number(c.count) }),
      ),
    };
  }
}
