import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { NewWorkflow } from './WorkflowStore';
import { KnexWorkflowStore } from './KnexWorkflowStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function newWorkflow(overrides: Partial<NewWorkflow> = {}): NewWorkflow {
  return {
    definition: 'test.diamond',
    title: 'Diamond',
    parameters: { n: 1 },
    entityRef: 'component:default/checkout-service',
    entityOwnerRef: 'group:default/payments-team',
    requestedBy: 'user:default/guest',
    planSource: 'definition',
    // a → (b, c) → d
    tasks: [
      {
        key: 'a',
        type: 't',
        title: 'A',
        params: {},
        dependsOn: [],
        maxAttempts: 2,
      },
      {
        key: 'b',
        type: 't',
        title: 'B',
        params: {},
        dependsOn: ['a'],
        maxAttempts: 2,
      },
      {
        key: 'c',
        type: 't',
        title: 'C',
        params: {},
        dependsOn: ['a'],
        maxAttempts: 2,
      },
      {
        key: 'd',
        type: 't',
        title: 'D',
        params: {},
        dependsOn: ['b', 'c'],
        maxAttempts: 2,
      },
    ],
    ...overrides,
  };
}

async function createStore(databaseId: TestDatabaseId, now = () => Date.now()) {
  const knex = await databases.init(databaseId);
  const store = await KnexWorkflowStore.create({
    database: { getClient: async () => knex } as any,
    now,
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'KnexWorkflowStore on %p',
  databaseId => {
    it('creates a workflow in one go, with only the roots ready', async () => {
      const { store } = await createStore(databaseId);
      const { workflow, created, change } = await store.createWorkflow(
        newWorkflow(),
      );
      expect(created).toBe(true);
      expect(workflow).toMatchObject({
        status: 'pending',
        progress: { total: 4, succeeded: 0, failed: 0, running: 0 },
        entityRef: 'component:default/checkout-service',
      });
      expect(change?.lastEvent).toEqual({ seq: 2, type: 'task.ready' });
      const details = await store.getWorkflowDetails(workflow.id);
      expect(details!.tasks.map(t => [t.key, t.status])).toEqual([
        ['a', 'ready'],
        ['b', 'blocked'],
        ['c', 'blocked'],
        ['d', 'blocked'],
      ]);
      expect(details!.events.map(e => [e.seq, e.type, e.taskKey])).toEqual([
        [1, 'workflow.created', undefined],
        [2, 'task.ready', 'a'],
      ]);
    });

    it('returns the first workflow for a repeated idempotency key', async () => {
      const { store } = await createStore(databaseId);
      const first = await store.createWorkflow(
        newWorkflow({ idempotencyKey: 'pipeline:42' }),
      );
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          store.createWorkflow(newWorkflow({ idempotencyKey: 'pipeline:42' })),
        ),
      );
      for (const again of results) {
        expect(again.created).toBe(false);
        expect(again.workflow.id).toBe(first.workflow.id);
      }
      const page = await store.listWorkflows({ offset: 0, limit: 10 });
      expect(page.totalCount).toBe(1);
    });

    it('runs the graph in dependency order and finishes the workflow', async () => {
      const { store } = await createStore(databaseId);
      const { workflow } = await store.createWorkflow(newWorkflow());

      const first = await store.claimTasks('w1', 10, 30_000);
      expect(first.claims.map(c => c.key)).toEqual(['a']);
      expect(first.claims[0]).toMatchObject({
        attempt: 1,
        worker: 'w1',
        inputs: {},
      });
      expect(await store.claimTasks('w2', 10, 30_000)).toEqual({
        claims: [],
        changes: [],
      });

      expect((await store.completeTask(first.claims[0], { a: 1 })).ok).toBe(
        true,
      );
      const second = await store.claimTasks('w1', 10, 30_000);
      expect(second.claims.map(c => c.key).sort()).toEqual(['b', 'c']);
      expect(second.claims[0].inputs).toEqual({ a: { a: 1 } });

      await store.completeTask(second.claims[0], { x: 1 });
      expect((await store.claimTasks('w1', 10, 30_000)).claims).toEqual([]);
      await store.completeTask(second.claims[1], { x: 2 });
      const third = await store.claimTasks('w1', 10, 30_000);
      expect(third.claims.map(c => c.key)).toEqual(['d']);
      expect(Object.keys(third.claims[0].inputs).sort()).toEqual(['b', 'c']);
      const last = await store.completeTask(third.claims[0], {});
      expect(last.change).toMatchObject({
        status: 'succeeded',
        finished: 'succeeded',
      });

      const details = await store.getWorkflowDetails(workflow.id);
      expect(details).toMatchObject({
        status: 'succeeded',
        progress: { total: 4, succeeded: 4, failed: 0, running: 0 },
      });
      expect(details!.attempts).toHaveLength(4);
      expect(details!.attempts.every(a => a.status === 'succeeded')).toBe(true);
      // Gap-free per-workflow sequence.
      expect(details!.events.map(e => e.seq)).toEqual(
        details!.events.map((_, i) => i + 1),
      );
      expect(details!.events.at(-1)!.type).toBe('workflow.succeeded');
    });

    it('refuses to complete a task whose lease another worker took over', async () => {
      let now = 1_000_000;
      const { store } = await createStore(databaseId, () => now);
      await store.createWorkflow(newWorkflow());
      const [slow] = (await store.claimTasks('w1', 1, 1_000)).claims;
      now += 5_000; // w1 stopped heartbeating
      const changes = await store.expireLeases(10, () => now);
      expect(changes).toHaveLength(1);
      const [taken] = (await store.claimTasks('w2', 1, 1_000)).claims;
      expect(taken).toMatchObject({ key: 'a', attempt: 2, worker: 'w2' });

      expect((await store.completeTask(slow, { late: true })).ok).toBe(false);
      expect((await store.heartbeat('w1', [slow], 1_000)).lost).toEqual([
        slow.id,
      ]);
      expect((await store.completeTask(taken, { onTime: true })).ok).toBe(true);

      const details = await store.getWorkflowDetails(taken.workflowId);
      expect(
        details!.attempts.map(a => [a.attempt, a.worker, a.status]),
      ).toEqual([
        [1, 'w1', 'lease_expired'],
        [2, 'w2', 'succeeded'],
      ]);
      expect(details!.tasks[0].output).toEqual({ onTime: true });
    });

    it('retries with backoff, then dead-letters, and a replay resumes the workflow', async () => {
      let now = 1_000_000;
      const { store } = await createStore(databaseId, () => now);
      const { workflow } = await store.createWorkflow(newWorkflow());

      const [a1] = (await store.claimTasks('w1', 1, 30_000)).claims;
      const retry = await store.failTask(a1, 'boom 1', now + 10_000);
      expect(retry.outcome).toBe('retry');
      expect((await store.claimTasks('w1', 1, 30_000)).claims).toEqual([]);
      now += 10_000;
      const [a2] = (await store.claimTasks('w1', 1, 30_000)).claims;
      expect(a2.attempt).toBe(2);
      const dead = await store.failTask(a2, 'boom 2', now + 10_000);
      expect(dead.outcome).toBe('dead');
      expect(dead.change).toMatchObject({
        status: 'failed',
        finished: 'failed',
      });

      const letters = await store.listDeadLetters({ offset: 0, limit: 10 });
      expect(letters.items).toEqual([
        expect.objectContaining({ taskKey: 'a', error: 'boom 2', attempts: 2 }),
      ]);
      const failed = await store.getWorkflow(workflow.id);
      expect(failed).toMatchObject({
        status: 'failed',
        error: 'a: boom 2',
        progress: { failed: 1 },
      });

      const { workflow: resumed } = await store.requeueTask(
        workflow.id,
        a2.id,
        'user:default/guest',
        2,
      );
      expect(resumed).toMatchObject({
        status: 'running',
        progress: { failed: 0 },
      });
      expect(
        (await store.listDeadLetters({ offset: 0, limit: 10 })).totalCount,
      ).toBe(0);
      expect(
        (
          await store.listDeadLetters({
            offset: 0,
            limit: 10,
            includeReplayed: true,
          })
        ).items[0],
      ).toMatchObject({ replayedBy: 'user:default/guest' });
      const [a3] = (await store.claimTasks('w1', 1, 30_000)).claims;
      expect(a3).toMatchObject({ key: 'a', attempt: 3, maxAttempts: 4 });
      await store.completeTask(a3, {});
      const events = (await store.getWorkflowDetails(workflow.id))!.events.map(
        e => e.type,
      );
      expect(events).toEqual(
        expect.arrayContaining([
          'task.retry_scheduled',
          'task.dead_lettered',
          'workflow.failed',
          'task.requeued',
          'workflow.resumed',
        ]),
      );
    });

    it('cancels: unstarted tasks stop, running ones are told through the heartbeat', async () => {
      const { store } = await createStore(databaseId);
      const { workflow } = await store.createWorkflow(newWorkflow());
      const [a] = (await store.claimTasks('w1', 1, 30_000)).claims;
      const { workflow: cancelled } = await store.cancelWorkflow(
        workflow.id,
        'user:default/guest',
      );
      expect(cancelled.status).toBe('cancelled');
      expect(
        (await store.heartbeat('w1', [a], 30_000)).cancelRequested,
      ).toEqual([a.id]);
      await store.recordCancelled(a);
      await expect(store.cancelWorkflow(workflow.id, 'x')).rejects.toThrow(
        /already cancelled/,
      );
      const details = await store.getWorkflowDetails(workflow.id);
      expect(details!.tasks.map(t => t.status)).toEqual([
        'cancelled',
        'cancelled',
        'cancelled',
        'cancelled',
      ]);
      expect(details!.progress.running).toBe(0);
      expect(details!.attempts[0].status).toBe('cancelled');
    });

    it('lists with filters, permission conditions and pagination', async () => {
      let tick = 1_000_000;
      const { store } = await createStore(databaseId, () => tick++);
      for (let i = 0; i < 5; i++) {
        await store.createWorkflow(newWorkflow({ title: `mine ${i}` }));
      }
      await store.createWorkflow(
        newWorkflow({
          entityRef: 'component:default/storefront',
          entityOwnerRef: 'group:default/platform-team',
        }),
      );
      const page = await store.listWorkflows({
        entityRef: 'Component:default/checkout-service',
        offset: 2,
        limit: 2,
      });
      expect(page.totalCount).toBe(5);
      expect(page.items.map(w => w.title)).toEqual(['mine 2', 'mine 1']);
      const owned = await store.listWorkflows({
        permission: {
          key: 'entityOwnerRef',
          values: ['group:default/platform-team'],
        },
        offset: 0,
        limit: 10,
      });
      expect(owned.items.map(w => w.entityRef)).toEqual([
        'component:default/storefront',
      ]);
      const notOwned = await store.listWorkflows({
        permission: {
          not: {
            key: 'entityOwnerRef',
            values: ['group:default/platform-team'],
          },
        },
        offset: 0,
        limit: 10,
      });
      expect(notOwned.totalCount).toBe(5);
      const none = await store.listWorkflows({
        status: ['running'],
        offset: 0,
        limit: 10,
      });
      expect(none.totalCount).toBe(0);
    });

    it('never hands one task to two concurrent claimers', async () => {
      const { store } = await createStore(databaseId);
      const tasks = Array.from({ length: 60 }, (_, i) => ({
        key: `t${i}`,
        type: 't',
        title: `T${i}`,
        params: {},
        dependsOn: [],
        maxAttempts: 1,
      }));
      await store.createWorkflow(newWorkflow({ tasks }));
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.claimTasks(`w${i}`, 15, 30_000),
        ),
      );
      const keys = results.flatMap(r => r.claims.map(c => c.key));
      expect(keys).toHaveLength(60);
      expect(new Set(keys).size).toBe(60);
    });
  },
);
