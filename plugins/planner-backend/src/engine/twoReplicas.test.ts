import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { KnexWorkflowStore } from '../database/KnexWorkflowStore';

// Two Planner replicas on one PostgreSQL, each in its own process; one is
// killed (SIGKILL) while it runs tasks. Every task must end with exactly one
// successful attempt, no attempt may ever run twice, and the survivor must
// take over the dead replica's tasks once their leases expire.
jest.setTimeout(180_000);

const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const required = process.env.AGENTIC_TEST_REQUIRE_POSTGRES === '1';
const describeWithPostgres = pg || required ? describe : describe.skip;

const WORKFLOWS = 30;
const FAN_OUT = 8; // each workflow: start → 8 in parallel → join = 10 tasks

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

function startReplica(port: number, prefix: string) {
  let output = '';
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      path.resolve(__dirname, '../__testUtils__/replica.ts'),
    ],
    {
      env: {
        ...process.env,
        REPLICA_PORT: String(port),
        REPLICA_PG: pg,
        REPLICA_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  return { child, output: () => output };
}

describeWithPostgres('two Planner replicas on one PostgreSQL', () => {
  const prefix = `replicas_${process.pid}_`;
  let admin: Knex;
  let db: Knex;
  const replicas: Array<{ child: ChildProcess; output(): string }> = [];

  beforeAll(async () => {
    if (!pg)
      throw new Error(
        'AGENTIC_TEST_REQUIRE_POSTGRES=1 but no PostgreSQL connection string is set',
      );
    admin = knexFactory({ client: 'pg', connection: pg });
    await admin.raw('CREATE DATABASE ??', [`${prefix}planner`]);
    const url = new URL(pg);
    url.pathname = `/${prefix}planner`;
    db = knexFactory({
      client: 'pg',
      connection: url.toString(),
      pool: { min: 0, max: 4 },
    });
  });

  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await db?.destroy();
    await admin?.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      `${prefix}planner`,
    ]);
    await admin?.destroy();
  });

  it('runs every task to completion exactly once when one replica dies mid-run', async () => {
    const store = await KnexWorkflowStore.create({
      database: { getClient: async () => db } as any,
    });
    await db.schema.createTable('replica_runs', table => {
      table.string('task_id').notNullable();
      table.integer('attempt').notNullable();
      table.integer('pid').notNullable();
      table.bigInteger('started_at').notNullable();
      table.unique(['task_id', 'attempt']);
    });
    for (let w = 0; w < WORKFLOWS; w++) {
      const middle = Array.from({ length: FAN_OUT }, (_, i) => `work-${i}`);
      await store.createWorkflow({
        definition: 'test.replicas',
        title: `Replica test ${w}`,
        parameters: {},
        requestedBy: 'user:default/guest',
        planSource: 'definition',
        tasks: [
          {
            key: 'start',
            type: 'test.record',
            title: 'start',
            params: { delayMs: 40 },
            dependsOn: [],
            maxAttempts: 5,
          },
          ...middle.map((key, i) => ({
            key,
            type: 'test.record',
            title: key,
            params: { delayMs: 60 + ((w * 7 + i * 13) % 90) },
            dependsOn: ['start'],
            maxAttempts: 5,
          })),
          {
            key: 'join',
            type: 'test.record',
            title: 'join',
            params: { delayMs: 40 },
            dependsOn: middle,
            maxAttempts: 5,
          },
        ],
      });
    }
    const totalTasks = WORKFLOWS * (FAN_OUT + 2);

    // One after the other: two backends creating Backstage's own tables in a
    // fresh database at the same instant race on knex's migration lock table.
    const victim = startReplica(await freePort(), prefix);
    replicas.push(victim);
    await until(
      'the first replica',
      async () => (victim.output().includes('ready') ? true : undefined),
      60_000,
    );
    const survivor = startReplica(await freePort(), prefix);
    replicas.push(survivor);

    // Kill the victim while it holds several running tasks.
    await until(
      'the victim to be running tasks',
      async () => {
        if (victim.child.exitCode !== null)
          throw new Error(`victim exited:\n${victim.output()}`);
        const [{ n }] = await db('planner_task_attempts as a')
          .join('replica_runs as r', function on() {
            this.on('r.task_id', 'a.task_id').andOn('r.attempt', 'a.attempt');
          })
          .where({ 'a.status': 'running', 'r.pid': victim.child.pid })
          .count({ n: '*' });
        const [{ done }] = await db('planner_tasks')
          .where({ status: 'succeeded' })
          .count({ done: '*' });
        return Number(n) >= 4 && Number(done) >= 40 ? true : undefined;
      },
      60_000,
    );
    victim.child.kill('SIGKILL');
    // What the victim still held when it died: a dead process changes no
    // row, so these attempts stay running until their leases expire. (Some
    // of the tasks seen running above may have finished before the kill.)
    const heldAtDeath = await db('planner_task_attempts as a')
      .join('replica_runs as r', function on() {
        this.on('r.task_id', 'a.task_id').andOn('r.attempt', 'a.attempt');
      })
      .where({ 'a.status': 'running', 'r.pid': victim.child.pid })
      .select('a.task_id', 'a.attempt');
    expect(heldAtDeath.length).toBeGreaterThanOrEqual(1);
    const [{ doneAtKill }] = await db('planner_tasks')
      .where({ status: 'succeeded' })
      .count({ doneAtKill: '*' });
    expect(Number(doneAtKill)).toBeLessThan(totalTasks);

    await until(
      'every workflow to finish',
      async () => {
        if (survivor.child.exitCode !== null)
          throw new Error(`survivor exited:\n${survivor.output()}`);
        const [{ open }] = await db('planner_workflows')
          .whereNotIn('status', ['succeeded', 'failed', 'cancelled'])
          .count({ open: '*' });
        return Number(open) === 0 ? true : undefined;
      },
      90_000,
    );

    const workflows = await db('planner_workflows').select('status');
    expect(workflows).toHaveLength(WORKFLOWS);
    expect(workflows.every(w => w.status === 'succeeded')).toBe(true);

    const tasks = await db('planner_tasks').select('id', 'status', 'output');
    expect(tasks).toHaveLength(totalTasks);
    expect(tasks.every(t => t.status === 'succeeded')).toBe(true);

    // Exactly one successful attempt per task, and its output came from it.
    const successes = await db('planner_task_attempts')
      .where({ status: 'succeeded' })
      .select('task_id', 'attempt');
    expect(successes).toHaveLength(totalTasks);
    expect(new Set(successes.map(s => s.task_id)).size).toBe(totalTasks);
    const successByTask = new Map(successes.map(s => [s.task_id, s.attempt]));
    for (const task of tasks) {
      expect(JSON.parse(task.output).attempt).toBe(successByTask.get(task.id));
    }

    // Every attempt ran on one process only (replica_runs' unique key would
    // have failed the handler, and a failed attempt would show here).
    const attempts = await db('planner_task_attempts').select(
      'status',
      'task_id',
      'attempt',
    );
    expect(
      attempts.filter(a => !['succeeded', 'lease_expired'].includes(a.status)),
    ).toEqual([]);
    const runs = await db('replica_runs').select('task_id', 'attempt', 'pid');
    const attemptKeys = new Set(attempts.map(a => `${a.task_id}/${a.attempt}`));
    expect(runs.every(r => attemptKeys.has(`${r.task_id}/${r.attempt}`))).toBe(
      true,
    );

    // The survivor took over what the victim held when it died (a task the
    // victim had claimed but not yet started has no run row).
    const attemptsWithWorker = await db('planner_task_attempts').select(
      'task_id',
      'attempt',
      'status',
      'worker',
    );
    const expired = attemptsWithWorker.filter(
      a => a.status === 'lease_expired',
    );
    const expiredKeys = new Set(expired.map(a => `${a.task_id}/${a.attempt}`));
    for (const held of heldAtDeath) {
      expect(expiredKeys).toContain(`${held.task_id}/${held.attempt}`);
    }
    const pidOf = new Map(runs.map(r => [`${r.task_id}/${r.attempt}`, r.pid]));
    const workerPid = (worker: string) => Number(worker.split('-').at(-2));
    for (const attempt of expired) {
      expect(workerPid(attempt.worker)).toBe(victim.child.pid);
      const ran = pidOf.get(`${attempt.task_id}/${attempt.attempt}`);
      expect([undefined, victim.child.pid]).toContain(ran);
      const final = successByTask.get(attempt.task_id);
      expect(pidOf.get(`${attempt.task_id}/${final}`)).toBe(survivor.child.pid);
    }
    // Both replicas did real work before the kill.
    const pids = new Set(runs.map(r => r.pid));
    expect(pids).toEqual(new Set([victim.child.pid, survivor.child.pid]));
  });
});
