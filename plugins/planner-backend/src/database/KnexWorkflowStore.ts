import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DeadLetter,
  Page,
  Workflow,
  WorkflowEventType,
  WorkflowStatus,
} from '@agentic-devops/plugin-agentic-common';
import { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  AttemptRow,
  DeadLetterRow,
  EventRow,
  TaskRow,
  toAttempt,
  toDeadLetter,
  toEvent,
  toTask,
  toWorkflow,
  WorkflowRow,
} from './rows';
import {
  applyPermissionCriteria,
  inTransaction,
  isPostgres,
  isUniqueViolation,
} from '@agentic-devops/plugin-agentic-node';
import {
  ClaimedTask,
  FailureOutcome,
  ListDeadLettersFilter,
  ListWorkflowsFilter,
  NewWorkflow,
  WorkflowChange,
  WorkflowQuery,
  WorkflowStore,
} from './WorkflowStore';

const migrationsDir = resolvePackagePath(
  '@agentic-devops/plugin-planner-backend',
  'migrations',
);

const WORKFLOWS = 'planner_workflows';
const TASKS = 'planner_tasks';
const ATTEMPTS = 'planner_task_attempts';
const EVENTS = 'planner_events';
const DEAD_LETTERS = 'planner_dead_letters';

type EventInput = {
  type: WorkflowEventType;
  taskKey?: string;
  message?: string;
  data?: JsonObject;
};

type WorkflowPatch = {
  status?: WorkflowStatus;
  running?: number;
  succeeded?: number;
  failed?: number;
  startedAt?: number;
  finishedAt?: number | null;
  error?: string | null;
};

const queryColumns: Record<WorkflowQuery['key'], string> = {
  entityOwnerRef: 'entity_owner_ref',
  requestedBy: 'requested_by',
  entityRef: 'entity_ref',
};

const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
};

/** The Planner's state in the plugin's database (SQLite or PostgreSQL). */
export class KnexWorkflowStore implements WorkflowStore {
  readonly #db: Knex;
  readonly #now: () => number;
  readonly #postgres: boolean;

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    now?: () => number;
  }): Promise<KnexWorkflowStore> {
    const client = await options.database.getClient();
    if (!isPostgres(client)) {
      // Write-ahead logging: a commit appends to the log instead of rewriting
      // and syncing the database file, which makes small transactions (every
      // task state change is one) an order of magnitude cheaper. NORMAL still
      // survives a killed process; only an OS crash may lose the last commits.
      await client.raw('PRAGMA journal_mode = WAL');
      await client.raw('PRAGMA synchronous = NORMAL');
    }
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexWorkflowStore(client, options.now);
  }

  constructor(db: Knex, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
    this.#postgres = isPostgres(db);
  }

  // ---------------------------------------------------------------------------
  // Helpers used inside transactions

  /** Serialises writers of one workflow (PostgreSQL row lock; SQLite is serial). */
  async #lockWorkflow(trx: Knex.Transaction, id: string): Promise<WorkflowRow> {
    const query = trx<WorkflowRow>(WORKFLOWS).where({ id }).first();
    const row = await (this.#postgres ? query.forUpdate() : query);
    if (!row) {
      throw new NotFoundError(`No workflow with id ${id}`);
    }
    return row;
  }

  /**
   * Applies counters and status to the workflow row and appends its events
   * with the next seq numbers; both in the caller's transaction.
   */
  async #advance(
    trx: Knex.Transaction,
    workflowId: string,
    events: EventInput[],
    patch: WorkflowPatch = {},
    finished?: WorkflowStatus,
  ): Promise<{ row: WorkflowRow; change: WorkflowChange }> {
    const now = this.#now();
    const update: Record<string, unknown> = { updated_at: now };
    if (events.length) {
      update.last_event_seq = trx.raw('last_event_seq + ?', [events.length]);
    }
    if (patch.status) update.status = patch.status;
    if (patch.running)
      update.tasks_running = trx.raw('tasks_running + ?', [patch.running]);
    if (patch.succeeded)
      update.tasks_succeeded = trx.raw('tasks_succeeded + ?', [
        patch.succeeded,
      ]);
    if (patch.failed)
      update.tasks_failed = trx.raw('tasks_failed + ?', [patch.failed]);
    if (patch.startedAt !== undefined) update.started_at = patch.startedAt;
    if (patch.finishedAt !== undefined) update.finished_at = patch.finishedAt;
    if (patch.error !== undefined) update.error = patch.error;

    const [row] = await trx<WorkflowRow>(WORKFLOWS)
      .where({ id: workflowId })
      .update(update)
      .returning('*');
    const last = Number(row.last_event_seq);
    if (events.length) {
      const rows = events.map((event, i) => ({
        workflow_id: workflowId,
        seq: last - events.length + 1 + i,
        type: event.type,
        task_key: event.taskKey ?? null,
        message: event.message ?? null,
        data: event.data ? JSON.stringify(event.data) : null,
        created_at: now,
      }));
      for (const part of chunk(rows, 200)) {
        await trx(EVENTS).insert(part);
      }
    }
    const change: WorkflowChange = {
      workflowId: row.id,
      entityRef: row.entity_ref ?? undefined,
      status: row.status,
      lastEvent: { seq: last, type: events.at(-1)?.type ?? 'workflow.created' },
      finished,
    };
    return { row, change };
  }

  /**
   * After a task left the active states: when nothing can run any more, the
   * workflow is finished: succeeded when every task did, failed otherwise.
   */
  async #finishIfDone(
    trx: Knex.Transaction,
    workflow: WorkflowRow,
  ): Promise<{
    events: EventInput[];
    patch: WorkflowPatch;
    finished?: WorkflowStatus;
  }> {
    if (
      workflow.status === 'cancelled' ||
      workflow.status === 'succeeded' ||
      workflow.status === 'failed'
    ) {
      return { events: [], patch: {} };
    }
    const counts = await trx<TaskRow>(TASKS)
      .where({ workflow_id: workflow.id })
      .select('status')
      .count({ n: '*' })
      .groupBy('status');
    const byStatus = Object.fromEntries(
      counts.map(c => [c.status, Number(c.n)]),
    );
    if ((byStatus.ready ?? 0) + (byStatus.running ?? 0) > 0) {
      return { events: [], patch: {} };
    }
    const total = Number(workflow.tasks_total);
    const now = this.#now();
    if ((byStatus.succeeded ?? 0) === total) {
      return {
        events: [
          { type: 'workflow.succeeded', message: 'All tasks succeeded' },
        ],
        patch: { status: 'succeeded', finishedAt: now, error: null },
        finished: 'succeeded',
      };
    }
    const failedTasks = await trx<TaskRow>(TASKS)
      .where({ workflow_id: workflow.id, status: 'failed' })
      .select('key', 'last_error')
      .orderBy('position');
    const error = failedTasks
      .map(t => `${t.key}: ${t.last_error ?? 'failed'}`)
      .join('; ');
    return {
      events: [{ type: 'workflow.failed', message: error }],
      patch: { status: 'failed', finishedAt: now, error },
      finished: 'failed',
    };
  }

  // ---------------------------------------------------------------------------
  // Workflows

  async createWorkflow(input: NewWorkflow): Promise<{
    workflow: Workflow;
    created: boolean;
    change?: WorkflowChange;
  }> {
    const existing = input.idempotencyKey
      ? await this.#db<WorkflowRow>(WORKFLOWS)
          .where({ idempotency_key: input.idempotencyKey })
          .first()
      : undefined;
    if (existing) {
      return { workflow: toWorkflow(existing), created: false };
    }
    try {
      return await inTransaction(this.#db, async trx => {
        const now = this.#now();
        const id = randomUUID();
        const dependents = new Map<string, string[]>();
        for (const task of input.tasks) {
          for (const dep of task.dependsOn) {
            dependents.set(dep, [...(dependents.get(dep) ?? []), task.key]);
          }
        }
        await trx(WORKFLOWS).insert({
          id,
          definition: input.definition,
          title: input.title,
          status: 'pending',
          parameters: JSON.stringify(input.parameters),
          entity_ref: input.entityRef?.toLocaleLowerCase('en-US') ?? null,
          entity_owner_ref:
            input.entityOwnerRef?.toLocaleLowerCase('en-US') ?? null,
          requested_by: input.requestedBy.toLocaleLowerCase('en-US'),
          idempotency_key: input.idempotencyKey ?? null,
          plan_source: input.planSource,
          tasks_total: input.tasks.length,
          created_at: now,
          updated_at: now,
        });
        const taskRows = input.tasks.map((task, position) => ({
          id: randomUUID(),
          workflow_id: id,
          key: task.key,
          type: task.type,
          title: task.title,
          params: JSON.stringify(task.params),
          depends_on: JSON.stringify(task.dependsOn),
          dependents: JSON.stringify(dependents.get(task.key) ?? []),
          deps_remaining: task.dependsOn.length,
          position,
          status: task.dependsOn.length ? 'blocked' : 'ready',
          max_attempts: task.maxAttempts,
          run_after: now,
          created_at: now,
          updated_at: now,
        }));
        for (const part of chunk(taskRows, 100)) {
          await trx(TASKS).insert(part);
        }
        const { row, change } = await this.#advance(trx, id, [
          {
            type: 'workflow.created',
            message: input.title,
            data: { definition: input.definition, tasks: input.tasks.length },
          },
          ...taskRows
            .filter(t => t.status === 'ready')
            .map(t => ({ type: 'task.ready' as const, taskKey: t.key })),
        ]);
        return { workflow: toWorkflow(row), created: true, change };
      });
    } catch (error) {
      // Two requests with the same key raced: the other one won.
      if (input.idempotencyKey && isUniqueViolation(error)) {
        const winner = await this.#db<WorkflowRow>(WORKFLOWS)
          .where({ idempotency_key: input.idempotencyKey })
          .first();
        if (winner) return { workflow: toWorkflow(winner), created: false };
      }
      throw error;
    }
  }

  async getWorkflow(id: string) {
    const row = await this.#db<WorkflowRow>(WORKFLOWS).where({ id }).first();
    return row && toWorkflow(row);
  }

  async getWorkflows(ids: string[]) {
    const rows = await this.#db<WorkflowRow>(WORKFLOWS).whereIn('id', ids);
    const byId = new Map(rows.map(r => [r.id, toWorkflow(r)]));
    return ids.map(id => byId.get(id));
  }

  async getWorkflowDetails(id: string) {
    const row = await this.#db<WorkflowRow>(WORKFLOWS).where({ id }).first();
    if (!row) return undefined;
    const [tasks, attempts, events] = await Promise.all([
      this.#db<TaskRow>(TASKS).where({ workflow_id: id }).orderBy('position'),
      this.#db<AttemptRow>(ATTEMPTS)
        .where({ workflow_id: id })
        .orderBy([{ column: 'started_at' }, { column: 'attempt' }]),
      this.#db<EventRow>(EVENTS).where({ workflow_id: id }).orderBy('seq'),
    ]);
    return {
      ...toWorkflow(row),
      tasks: tasks.map(toTask),
      attempts: attempts.map(toAttempt),
      events: events.map(toEvent),
    };
  }

  async listWorkflows(filter: ListWorkflowsFilter): Promise<Page<Workflow>> {
    const base = this.#db<WorkflowRow>(WORKFLOWS).where(q => {
      if (filter.entityRef)
        q.where('entity_ref', filter.entityRef.toLocaleLowerCase('en-US'));
      if (filter.status?.length) q.whereIn('status', filter.status);
      if (filter.definition) q.where('definition', filter.definition);
      if (filter.permission)
        applyPermissionCriteria(q, filter.permission, k => queryColumns[k]);
    });
    const [rows, [{ n }]] = await Promise.all([
      base
        .clone()
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .offset(filter.offset)
        .limit(filter.limit),
      base.clone().count({ n: '*' }),
    ]);
    return {
      items: rows.map(toWorkflow),
      totalCount: Number(n),
      offset: filter.offset,
      limit: filter.limit,
    };
  }

  async listEvents(workflowId: string, afterSeq: number, limit: number) {
    const rows = await this.#db<EventRow>(EVENTS)
      .where({ workflow_id: workflowId })
      .andWhere('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit);
    return rows.map(toEvent);
  }

  // ---------------------------------------------------------------------------
  // Workers

  async claimTasks(worker: string, limit: number, leaseMs: number) {
    const claimed = await inTransaction(this.#db, async trx => {
      const now = this.#now();
      let rows: TaskRow[];
      if (this.#postgres) {
        // Two replicas never pick the same row: SKIP LOCKED passes over rows
        // another transaction is claiming.
        const result = await trx.raw(
          `UPDATE ${TASKS} AS t
              SET status = 'running', attempts = t.attempts + 1, lease_owner = ?,
                  lease_expires_at = ?, started_at = COALESCE(t.started_at, ?), updated_at = ?
             FROM (SELECT id FROM ${TASKS}
                    WHERE status = 'ready' AND run_after <= ?
                    ORDER BY run_after, position
                    LIMIT ? FOR UPDATE SKIP LOCKED) AS picked
            WHERE t.id = picked.id
        RETURNING t.*`,
          [worker, now + leaseMs, now, now, now, limit],
        );
        rows = result.rows;
      } else {
        // SQLite runs one write transaction at a time; the status condition
        // makes the update safe even so.
        const ids = await trx<TaskRow>(TASKS)
          .where({ status: 'ready' })
          .andWhere('run_after', '<=', now)
          .orderBy([{ column: 'run_after' }, { column: 'position' }])
          .limit(limit)
          .pluck('id');
        rows = ids.length
          ? await trx<TaskRow>(TASKS)
              .whereIn('id', ids)
              .andWhere({ status: 'ready' })
              .update({
                status: 'running',
                attempts: trx.raw('attempts + 1'),
                lease_owner: worker,
                lease_expires_at: now + leaseMs,
                started_at: trx.raw('COALESCE(started_at, ?)', [now]),
                updated_at: now,
              })
              .returning('*')
          : [];
      }
      if (rows.length === 0) return { rows, changes: [] as WorkflowChange[] };

      await trx(ATTEMPTS).insert(
        rows.map(row => ({
          id: randomUUID(),
          task_id: row.id,
          workflow_id: row.workflow_id,
          attempt: Number(row.attempts),
          worker,
          status: 'running',
          started_at: now,
        })),
      );
      // Workflow rows in a fixed order, so replicas lock them alike.
      const byWorkflow = new Map<string, TaskRow[]>();
      for (const row of rows) {
        byWorkflow.set(row.workflow_id, [
          ...(byWorkflow.get(row.workflow_id) ?? []),
          row,
        ]);
      }
      const changes: WorkflowChange[] = [];
      for (const workflowId of [...byWorkflow.keys()].sort()) {
        const tasks = byWorkflow.get(workflowId)!;
        const current = await this.#lockWorkflow(trx, workflowId);
        const starting = current.status === 'pending';
        const { change } = await this.#advance(
          trx,
          workflowId,
          [
            ...(starting ? [{ type: 'workflow.started' as const }] : []),
            ...tasks.map(t => ({
              type: 'task.started' as const,
              taskKey: t.key,
              data: { attempt: Number(t.attempts), worker },
            })),
          ],
          {
            running: tasks.length,
            ...(starting && { status: 'running' as const, startedAt: now }),
          },
        );
        changes.push(change);
      }
      return { rows, changes };
    });

    const claims = await this.#toClaims(claimed.rows, worker);
    return { claims, changes: claimed.changes };
  }

  async #toClaims(rows: TaskRow[], worker: string): Promise<ClaimedTask[]> {
    if (rows.length === 0) return [];
    const workflowIds = [...new Set(rows.map(r => r.workflow_id))];
    const workflows = new Map(
      (await this.#db<WorkflowRow>(WORKFLOWS).whereIn('id', workflowIds)).map(
        w => [w.id, w],
      ),
    );
    const withDeps = rows.filter(r => JSON.parse(r.depends_on).length > 0);
    const outputs = new Map<string, JsonObject>();
    if (withDeps.length) {
      const depRows = await this.#db<TaskRow>(TASKS)
        .whereIn('workflow_id', [...new Set(withDeps.map(r => r.workflow_id))])
        .andWhere({ status: 'succeeded' })
        .select('workflow_id', 'key', 'output');
      for (const dep of depRows) {
        outputs.set(
          `${dep.workflow_id}/${dep.key}`,
          dep.output ? JSON.parse(dep.output) : {},
        );
      }
    }
    return rows.map(row => {
      const workflow = workflows.get(row.workflow_id)!;
      const dependsOn: string[] = JSON.parse(row.depends_on);
      return {
        id: row.id,
        workflowId: row.workflow_id,
        key: row.key,
        type: row.type,
        params: JSON.parse(row.params),
        attempt: Number(row.attempts),
        maxAttempts: Number(row.max_attempts),
        worker,
        workflow: {
          id: workflow.id,
          definition: workflow.definition,
          parameters: JSON.parse(workflow.parameters),
          entityRef: workflow.entity_ref ?? undefined,
          requestedBy: workflow.requested_by,
        },
        inputs: Object.fromEntries(
          dependsOn.map(key => [
            key,
            outputs.get(`${row.workflow_id}/${key}`) ?? {},
          ]),
        ),
      };
    });
  }

  async heartbeat(
    worker: string,
    claims: Array<{ id: string; attempt: number }>,
    leaseMs: number,
  ) {
    if (claims.length === 0) return { lost: [], cancelRequested: [] };
    const now = this.#now();
    const held = new Map<string, { attempts: number; cancel: boolean }>();
    for (const part of chunk(claims, 500)) {
      const rows = await this.#db<TaskRow>(TASKS)
        .whereIn(
          'id',
          part.map(c => c.id),
        )
        .andWhere({ lease_owner: worker, status: 'running' })
        .update({ lease_expires_at: now + leaseMs })
        .returning(['id', 'attempts', 'cancel_requested']);
      for (const row of rows) {
        held.set(row.id, {
          attempts: Number(row.attempts),
          cancel: Boolean(row.cancel_requested),
        });
      }
    }
    return {
      lost: claims
        .filter(c => held.get(c.id)?.attempts !== c.attempt)
        .map(c => c.id),
      cancelRequested: claims
        .filter(c => held.get(c.id)?.cancel)
        .map(c => c.id),
    };
  }

  /** Updates the task only while this claim still holds it; the lease's proof of ownership. */
  #whereHeld(trx: Knex.Transaction, claim: ClaimedTask) {
    return trx<TaskRow>(TASKS).where({
      id: claim.id,
      status: 'running',
      lease_owner: claim.worker,
      attempts: claim.attempt,
    });
  }

  async #endAttempt(
    trx: Knex.Transaction,
    claim: { id: string; attempt: number },
    status: AttemptRow['status'],
    error?: string,
  ) {
    await trx(ATTEMPTS)
      .where({ task_id: claim.id, attempt: claim.attempt })
      .update({ status, error: error ?? null, finished_at: this.#now() });
  }

  async completeTask(claim: ClaimedTask, output: JsonObject) {
    return inTransaction(this.#db, async trx => {
      const workflow = await this.#lockWorkflow(trx, claim.workflowId);
      const now = this.#now();
      const [task] = await this.#whereHeld(trx, claim)
        .update({
          status: 'succeeded',
          output: JSON.stringify(output),
          lease_owner: null,
          lease_expires_at: null,
          finished_at: now,
          updated_at: now,
        })
        .returning(['dependents']);
      if (!task) return { ok: false };
      await this.#endAttempt(trx, claim, 'succeeded');

      const events: EventInput[] = [
        { type: 'task.succeeded', taskKey: claim.key },
      ];
      const dependents: string[] = JSON.parse(task.dependents);
      if (dependents.length && workflow.status !== 'cancelled') {
        await trx<TaskRow>(TASKS)
          .where({ workflow_id: claim.workflowId, status: 'blocked' })
          .whereIn('key', dependents)
          .update({
            deps_remaining: trx.raw('deps_remaining - 1'),
            updated_at: now,
          });
        const ready = await trx<TaskRow>(TASKS)
          .where({
            workflow_id: claim.workflowId,
            status: 'blocked',
            deps_remaining: 0,
          })
          .whereIn('key', dependents)
          .update({ status: 'ready', run_after: now, updated_at: now })
          .returning(['key']);
        events.push(
          ...ready.map(r => ({ type: 'task.ready' as const, taskKey: r.key })),
        );
      }
      const done = await this.#finishIfDone(trx, workflow);
      const { change } = await this.#advance(
        trx,
        claim.workflowId,
        [...events, ...done.events],
        { running: -1, succeeded: 1, ...done.patch },
        done.finished,
      );
      return { ok: true, change };
    });
  }

  /** Ends a held or expired attempt: retry later, or dead-letter the task. */
  async #failOrRetry(
    trx: Knex.Transaction,
    workflow: WorkflowRow,
    task: {
      id: string;
      key: string;
      type: string;
      attempt: number;
      maxAttempts: number;
    },
    error: string,
    retryAt: number | undefined,
    leaseExpired: boolean,
  ): Promise<{
    outcome: FailureOutcome;
    events: EventInput[];
    patch: WorkflowPatch;
  }> {
    const now = this.#now();
    const events: EventInput[] = leaseExpired
      ? [
          {
            type: 'task.lease_expired',
            taskKey: task.key,
            message: error,
            data: { attempt: task.attempt },
          },
        ]
      : [];
    if (retryAt !== undefined && task.attempt < task.maxAttempts) {
      await trx<TaskRow>(TASKS).where({ id: task.id }).update({
        status: 'ready',
        run_after: retryAt,
        lease_owner: null,
        lease_expires_at: null,
        last_error: error,
        updated_at: now,
      });
      events.push({
        type: 'task.retry_scheduled',
        taskKey: task.key,
        message: error,
        data: {
          attempt: task.attempt,
          nextAttemptAt: new Date(retryAt).toISOString(),
        },
      });
      return { outcome: 'retry', events, patch: { running: -1 } };
    }
    await trx<TaskRow>(TASKS).where({ id: task.id }).update({
      status: 'failed',
      lease_owner: null,
      lease_expires_at: null,
      last_error: error,
      finished_at: now,
      updated_at: now,
    });
    await trx(DEAD_LETTERS).insert({
      id: randomUUID(),
      task_id: task.id,
      workflow_id: workflow.id,
      task_key: task.key,
      type: task.type,
      error,
      attempts: task.attempt,
      created_at: now,
    });
    events.push({
      type: 'task.dead_lettered',
      taskKey: task.key,
      message: error,
      data: { attempts: task.attempt },
    });
    return { outcome: 'dead', events, patch: { running: -1, failed: 1 } };
  }

  async failTask(
    claim: ClaimedTask,
    error: string,
    retryAt: number | undefined,
  ) {
    return inTransaction(this.#db, async trx => {
      const workflow = await this.#lockWorkflow(trx, claim.workflowId);
      const held = await this.#whereHeld(trx, claim).first('id');
      if (!held) return { outcome: 'lost' as const };
      await this.#endAttempt(trx, claim, 'failed', error);
      const result = await this.#failOrRetry(
        trx,
        workflow,
        {
          id: claim.id,
          key: claim.key,
          type: claim.type,
          attempt: claim.attempt,
          maxAttempts: claim.maxAttempts,
        },
        error,
        workflow.status === 'cancelled' ? undefined : retryAt,
        false,
      );
      const done =
        result.outcome === 'dead'
          ? await this.#finishIfDone(trx, workflow)
          : { events: [], patch: {} };
      const { change } = await this.#advance(
        trx,
        workflow.id,
        [...result.events, ...done.events],
        { ...result.patch, ...done.patch },
        done.finished,
      );
      return { outcome: result.outcome, change };
    });
  }

  async recordCancelled(claim: ClaimedTask) {
    return inTransaction(this.#db, async trx => {
      await this.#lockWorkflow(trx, claim.workflowId);
      const now = this.#now();
      const updated = await this.#whereHeld(trx, claim).update({
        status: 'cancelled',
        lease_owner: null,
        lease_expires_at: null,
        finished_at: now,
        updated_at: now,
      });
      if (!updated) return {};
      await this.#endAttempt(trx, claim, 'cancelled', 'workflow cancelled');
      const { change } = await this.#advance(
        trx,
        claim.workflowId,
        [
          {
            type: 'task.cancelled',
            taskKey: claim.key,
            message: 'stopped: workflow cancelled',
          },
        ],
        { running: -1 },
      );
      return { change };
    });
  }

  async expireLeases(limit: number, retryAt: (attempt: number) => number) {
    return inTransaction(this.#db, async trx => {
      const now = this.#now();
      const query = trx<TaskRow>(TASKS)
        .where({ status: 'running' })
        .andWhere('lease_expires_at', '<', now)
        .orderBy('lease_expires_at')
        .limit(limit);
      const expired: TaskRow[] = await (this.#postgres
        ? query.forUpdate().skipLocked()
        : query);
      const byWorkflow = new Map<string, TaskRow[]>();
      for (const row of expired) {
        byWorkflow.set(row.workflow_id, [
          ...(byWorkflow.get(row.workflow_id) ?? []),
          row,
        ]);
      }
      const changes: WorkflowChange[] = [];
      for (const workflowId of [...byWorkflow.keys()].sort()) {
        const workflow = await this.#lockWorkflow(trx, workflowId);
        const events: EventInput[] = [];
        const patch: Required<Pick<WorkflowPatch, 'running' | 'failed'>> = {
          running: 0,
          failed: 0,
        };
        let anyDead = false;
        for (const task of byWorkflow.get(workflowId)!) {
          const attempt = Number(task.attempts);
          const message = `lease expired: worker ${task.lease_owner} stopped heartbeating during attempt ${attempt}`;
          await this.#endAttempt(
            trx,
            { id: task.id, attempt },
            'lease_expired',
            message,
          );
          if (workflow.status === 'cancelled' || task.cancel_requested) {
            await trx<TaskRow>(TASKS).where({ id: task.id }).update({
              status: 'cancelled',
              lease_owner: null,
              lease_expires_at: null,
              finished_at: now,
              updated_at: now,
            });
            events.push({ type: 'task.cancelled', taskKey: task.key, message });
            patch.running -= 1;
            continue;
          }
          const result = await this.#failOrRetry(
            trx,
            workflow,
            {
              id: task.id,
              key: task.key,
              type: task.type,
              attempt,
              maxAttempts: Number(task.max_attempts),
            },
            message,
            retryAt(attempt),
            true,
          );
          events.push(...result.events);
          patch.running += result.patch.running ?? 0;
          patch.failed += result.patch.failed ?? 0;
          anyDead ||= result.outcome === 'dead';
        }
        const done = anyDead
          ? await this.#finishIfDone(trx, workflow)
          : { events: [], patch: {} };
        const { change } = await this.#advance(
          trx,
          workflowId,
          [...events, ...done.events],
          { ...patch, ...done.patch },
          done.finished,
        );
        changes.push(change);
      }
      return changes;
    });
  }

  async appendProgress(claim: ClaimedTask, message: string, data?: JsonObject) {
    return inTransaction(this.#db, async trx => {
      await this.#lockWorkflow(trx, claim.workflowId);
      const held = await this.#whereHeld(trx, claim).first('id');
      if (!held) return undefined;
      const { change } = await this.#advance(trx, claim.workflowId, [
        {
          type: 'task.progress',
          taskKey: claim.key,
          message: message.slice(0, 2000),
          data,
        },
      ]);
      return change;
    });
  }

  // ---------------------------------------------------------------------------
  // Operators

  async cancelWorkflow(id: string, actor: string) {
    return inTransaction(this.#db, async trx => {
      const workflow = await this.#lockWorkflow(trx, id);
      if (['succeeded', 'failed', 'cancelled'].includes(workflow.status)) {
        throw new ConflictError(`Workflow ${id} is already ${workflow.status}`);
      }
      const now = this.#now();
      const stopped = await trx<TaskRow>(TASKS)
        .where({ workflow_id: id })
        .whereIn('status', ['blocked', 'ready'])
        .update({ status: 'cancelled', finished_at: now, updated_at: now })
        .returning(['key', 'position']);
      // Running handlers learn it from their next heartbeat (an AbortSignal).
      await trx<TaskRow>(TASKS)
        .where({ workflow_id: id, status: 'running' })
        .update({ cancel_requested: true, updated_at: now });
      const { row, change } = await this.#advance(
        trx,
        id,
        [
          ...stopped
            .sort((a, b) => a.position - b.position)
            .map(t => ({
              type: 'task.cancelled' as const,
              taskKey: t.key,
              message: 'not started: workflow cancelled',
            })),
          {
            type: 'workflow.cancelled',
            message: `Cancelled by ${actor}`,
            data: { actor },
          },
        ],
        { status: 'cancelled', finishedAt: now },
        'cancelled',
      );
      return { workflow: toWorkflow(row), change };
    });
  }

  async requeueTask(
    workflowId: string,
    taskId: string,
    actor: string,
    extraAttempts: number,
  ) {
    return inTransaction(this.#db, async trx => {
      const workflow = await this.#lockWorkflow(trx, workflowId);
      const task = await trx<TaskRow>(TASKS)
        .where({ id: taskId, workflow_id: workflowId })
        .first();
      if (!task) {
        throw new NotFoundError(`Workflow ${workflowId} has no task ${taskId}`);
      }
      if (task.status !== 'failed') {
        throw new ConflictError(
          `Task ${task.key} is ${task.status}; only a failed task can be retried`,
        );
      }
      if (workflow.status === 'cancelled') {
        throw new ConflictError(`Workflow ${workflowId} is cancelled`);
      }
      const now = this.#now();
      // Attempt numbers keep counting (the history stays); the budget grows.
      await trx<TaskRow>(TASKS)
        .where({ id: taskId })
        .update({
          status: 'ready',
          max_attempts: Number(task.attempts) + extraAttempts,
          run_after: now,
          finished_at: null,
          updated_at: now,
        });
      await trx(DEAD_LETTERS)
        .where({ task_id: taskId })
        .whereNull('replayed_at')
        .update({ replayed_at: now, replayed_by: actor });
      const resumed = workflow.status === 'failed';
      const { row, change } = await this.#advance(
        trx,
        workflowId,
        [
          {
            type: 'task.requeued',
            taskKey: task.key,
            message: `Retried by ${actor}`,
            data: { actor },
          },
          ...(resumed
            ? [
                {
                  type: 'workflow.resumed' as const,
                  message: `Resumed by ${actor}`,
                },
              ]
            : []),
        ],
        {
          failed: -1,
          ...(resumed && {
            status: 'running' as const,
            finishedAt: null,
            error: null,
          }),
        },
      );
      return { workflow: toWorkflow(row), change };
    });
  }

  async listDeadLetters(
    filter: ListDeadLettersFilter,
  ): Promise<Page<DeadLetter>> {
    const base = this.#db<DeadLetterRow>(`${DEAD_LETTERS} as d`)
      .join(`${WORKFLOWS} as w`, 'w.id', 'd.workflow_id')
      .where(q => {
        if (filter.workflowId) q.where('d.workflow_id', filter.workflowId);
        if (!filter.includeReplayed) q.whereNull('d.replayed_at');
        if (filter.permission)
          applyPermissionCriteria(
            q,
            filter.permission,
            k => `w.${queryColumns[k]}`,
          );
      });
    const [rows, [{ n }]] = await Promise.all([
      base
        .clone()
        .select('d.*')
        .orderBy([
          { column: 'd.created_at', order: 'desc' },
          { column: 'd.id', order: 'desc' },
        ])
        .offset(filter.offset)
        .limit(filter.limit),
      base.clone().count({ n: '*' }),
    ]);
    return {
      items: (rows as DeadLetterRow[]).map(toDeadLetter),
      totalCount: Number(n),
      offset: filter.offset,
      limit: filter.limit,
    };
  }

  async getDeadLetter(id: string) {
    const row = await this.#db<DeadLetterRow>(DEAD_LETTERS)
      .where({ id })
      .first();
    return row && toDeadLetter(row);
  }
}
