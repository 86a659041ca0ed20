import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { Server } from 'node:http';
import request from 'supertest';
import {
  abortReasons,
  sentNotifications,
  startTestPlanner,
} from '../__testUtils__/testPlanner';

jest.setTimeout(30_000);

const user = mockCredentials.user('user:default/guest');
const auth = {
  Authorization: mockCredentials.user.header('user:default/guest'),
};

async function until<T>(
  fn: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 25));
  }
}

async function finished(server: Server, id: string) {
  return until(async () => {
    const res = await request(server)
      .get(`/api/planner/workflows/${id}`)
      .set(auth);
    return ['succeeded', 'failed', 'cancelled'].includes(res.body.status)
      ? res.body
      : undefined;
  });
}

describe('planner router', () => {
  describe('with every permission allowed', () => {
    let server: Server;
    let stop: () => Promise<void>;
    beforeAll(async () => {
      const backend = await startTestPlanner([
        // No header means no credentials, as in a real backend.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ]);
      server = backend.server;
      stop = () => backend.stop();
    });
    afterAll(() => stop());

    it('refuses callers without credentials', async () => {
      const res = await request(server).get('/api/planner/workflows');
      expect(res.status).toBe(401);
    });

    it('creates a workflow that runs to the end, with its history', async () => {
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({
          definition: 'core.noop',
          parameters: { tasks: 3, shape: 'chain' },
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        definition: 'core.noop',
        status: 'pending',
        requestedBy: 'user:default/guest',
        progress: { total: 3 },
      });
      const done = await finished(server, res.body.id);
      expect(done.status).toBe('succeeded');
      expect(done.tasks.map((t: any) => [t.key, t.status])).toEqual([
        ['noop-1', 'succeeded'],
        ['noop-2', 'succeeded'],
        ['noop-3', 'succeeded'],
      ]);
      expect(done.events.at(-1).type).toBe('workflow.succeeded');
      const events = await request(server)
        .get(`/api/planner/workflows/${res.body.id}/events?afterSeq=3`)
        .set(auth);
      expect(events.body.items[0].seq).toBe(4);
      expect(events.body.items.map((e: any) => e.seq)).toEqual(
        done.events.slice(3).map((e: any) => e.seq),
      );
    });

    it('notifies the requester and the entity owner when a workflow finishes', async () => {
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({
          definition: 'catalog.entity-check',
          entityRef: 'component:default/checkout-service',
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/checkout-service',
        entityOwnerRef: 'group:default/payments-team',
      });
      const done = await finished(server, res.body.id);
      expect(done.status).toBe('succeeded');
      expect(
        done.tasks.find((t: any) => t.key === 'report').output.findings,
      ).toEqual(expect.arrayContaining(['not part of a system', 'no tags']));
      const notification = await until(async () =>
        sentNotifications.find(
          n => n.payload.scope === `agentic-workflow:${res.body.id}`,
        ),
      );
      expect(notification.recipients).toEqual({
        type: 'entity',
        entityRef: ['user:default/guest', 'group:default/payments-team'],
      });
      expect(notification.payload.link).toBe(
        '/catalog/default/component/checkout-service/agents',
      );
    });

    it('returns the first workflow for a repeated idempotency key', async () => {
      const body = {
        definition: 'core.noop',
        idempotencyKey: `pipeline-${Date.now()}`,
      };
      const first = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send(body);
      const second = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send(body);
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.body.id).toBe(first.body.id);
    });

    it.each([
      [{}, /exactly one of definition or goal/],
      [
        { definition: 'core.noop', goal: 'do things' },
        /exactly one of definition or goal/,
      ],
      [
        { definition: 'no.such-thing' },
        /Unknown workflow definition 'no.such-thing'/,
      ],
      [
        { definition: 'core.noop', parameters: { tasks: 0 } },
        /Invalid parameters for 'core.noop'.*tasks/,
      ],
      [
        { definition: 'core.noop', extra: 1 },
        /must NOT have additional properties/,
      ],
      [
        { definition: 'core.noop', entityRef: 'component:default/nope' },
        /component:default\/nope is not in the catalog/,
      ],
      [
        { definition: 'core.noop', entityRef: 'component:default/' },
        /Invalid entityRef/,
      ],
      [{ goal: 'deploy it' }, /needs an LLM/],
      [{ definition: 'catalog.entity-check' }, /needs an entityRef/],
    ])('answers 400 to %p', async (body, message) => {
      const before = await request(server)
        .get('/api/planner/workflows?limit=1')
        .set(auth);
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      // Nothing half-written.
      const after = await request(server)
        .get('/api/planner/workflows?limit=1')
        .set(auth);
      expect(after.body.totalCount).toBe(before.body.totalCount);
    });

    it('retries with backoff and succeeds within the attempt budget', async () => {
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({
          definition: 'test.flaky',
          parameters: { id: 'once', failures: 1 },
        });
      const done = await finished(server, res.body.id);
      expect(done.status).toBe('succeeded');
      expect(done.attempts.map((a: any) => [a.attempt, a.status])).toEqual([
        [1, 'failed'],
        [2, 'succeeded'],
      ]);
      expect(done.events.map((e: any) => e.type)).toContain(
        'task.retry_scheduled',
      );
    });

    it('dead-letters a task out of attempts; retrying it finishes the workflow', async () => {
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({
          definition: 'test.flaky',
          parameters: { id: 'thrice', failures: 2 },
        });
      const failed = await finished(server, res.body.id);
      expect(failed).toMatchObject({
        status: 'failed',
        error: 'flaky: flaky failure 2',
      });
      const letters = await request(server)
        .get(`/api/planner/dead-letters?workflowId=${res.body.id}`)
        .set(auth);
      expect(letters.body.items).toEqual([
        expect.objectContaining({
          taskKey: 'flaky',
          attempts: 2,
          error: 'flaky failure 2',
        }),
      ]);

      const retried = await request(server)
        .post(
          `/api/planner/workflows/${res.body.id}/tasks/${failed.tasks[0].id}/retry`,
        )
        .set(auth);
      expect(retried.status).toBe(200);
      expect(retried.body.status).toBe('running');
      const done = await finished(server, res.body.id);
      expect(done.status).toBe('succeeded');
      expect(done.tasks[0]).toMatchObject({
        attempts: 3,
        output: { calls: 3, attempt: 3 },
      });

      const again = await request(server)
        .post(
          `/api/planner/workflows/${res.body.id}/tasks/${failed.tasks[0].id}/retry`,
        )
        .set(auth);
      expect(again.status).toBe(409);
    });

    it("aborts an attempt that outlives its handler's timeout", async () => {
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({ definition: 'test.slow' });
      const failed = await finished(server, res.body.id);
      expect(failed).toMatchObject({
        status: 'failed',
        error: 'slow: timed out after 100 ms',
      });
      expect(abortReasons).toContain('timeout');
    });

    it('replays a dead letter', async () => {
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({ definition: 'test.reject' });
      const failed = await finished(server, res.body.id);
      // A NonRetryableTaskError skips the remaining attempts.
      expect(failed.attempts).toHaveLength(1);
      const letters = await request(server)
        .get(`/api/planner/dead-letters?workflowId=${res.body.id}`)
        .set(auth);
      const replay = await request(server)
        .post(`/api/planner/dead-letters/${letters.body.items[0].id}/replay`)
        .set(auth);
      expect(replay.status).toBe(200);
      const failedAgain = await finished(server, res.body.id);
      expect(failedAgain.attempts).toHaveLength(2);
      const open = await request(server)
        .get(`/api/planner/dead-letters?workflowId=${res.body.id}`)
        .set(auth);
      expect(open.body.totalCount).toBe(1);
      const all = await request(server)
        .get(
          `/api/planner/dead-letters?workflowId=${res.body.id}&includeReplayed=true`,
        )
        .set(auth);
      expect(all.body.totalCount).toBe(2);
    });

    it('cancels: the running handler is aborted and later tasks never start', async () => {
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({ definition: 'test.wait' });
      await until(async () => {
        const w = await request(server)
          .get(`/api/planner/workflows/${res.body.id}`)
          .set(auth);
        return w.body.tasks[0].status === 'running' ? true : undefined;
      });
      const cancelled = await request(server)
        .post(`/api/planner/workflows/${res.body.id}/cancel`)
        .set(auth);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      const done = await until(async () => {
        const w = await request(server)
          .get(`/api/planner/workflows/${res.body.id}`)
          .set(auth);
        return w.body.tasks.every((t: any) => t.status === 'cancelled')
          ? w.body
          : undefined;
      });
      expect(abortReasons).toContain('cancelled');
      expect(done.attempts[0].status).toBe('cancelled');
      expect(done.progress.running).toBe(0);
      const again = await request(server)
        .post(`/api/planner/workflows/${res.body.id}/cancel`)
        .set(auth);
      expect(again.status).toBe(409);
    });

    it('lists with filters and pagination', async () => {
      for (let i = 0; i < 3; i++) {
        await request(server)
          .post('/api/planner/workflows')
          .set(auth)
          .send({
            definition: 'core.noop',
            entityRef: 'component:default/storefront',
            title: `page ${i}`,
          });
      }
      const page1 = await request(server)
        .get(
          '/api/planner/workflows?entityRef=component:default/storefront&limit=2',
        )
        .set(auth);
      expect(page1.body).toMatchObject({ totalCount: 3, offset: 0, limit: 2 });
      expect(page1.body.items.map((w: any) => w.title)).toEqual([
        'page 2',
        'page 1',
      ]);
      const page2 = await request(server)
        .get(
          '/api/planner/workflows?entityRef=component:default/storefront&limit=2&offset=2',
        )
        .set(auth);
      expect(page2.body.items.map((w: any) => w.title)).toEqual(['page 0']);
      const byStatus = await request(server)
        .get('/api/planner/workflows?status=cancelled&status=failed')
        .set(auth);
      expect(byStatus.body.items.length).toBeGreaterThan(0);
      expect(
        byStatus.body.items.every((w: any) =>
          ['cancelled', 'failed'].includes(w.status),
        ),
      ).toBe(true);
      const invalid = await request(server)
        .get('/api/planner/workflows?limit=500')
        .set(auth);
      expect(invalid.status).toBe(400);
    });

    it('describes its definitions and task types', async () => {
      const res = await request(server)
        .get('/api/planner/definitions')
        .set(auth);
      expect(res.body.definitions.map((d: any) => d.name)).toEqual(
        expect.arrayContaining([
          'core.noop',
          'catalog.entity-check',
          'test.flaky',
        ]),
      );
      expect(
        res.body.taskTypes.find((t: any) => t.type === 'test.flaky'),
      ).toMatchObject({
        maxAttempts: 2,
        parametersSchema: expect.objectContaining({ type: 'object' }),
      });
    });
  });

  describe('with permissions', () => {
    const ownerOnly = {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'planner',
      resourceType: 'agentic-workflow',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'agentic-workflow',
        params: { claims: ['group:default/payments-team'] },
      },
    } as PolicyDecision;
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async requests =>
        requests.map(
          (r): PolicyDecision =>
            r.permission.name === 'agentic.workflow.retry'
              ? { result: AuthorizeResult.DENY }
              : ownerOnly,
        ),
    });
    let server: Server;
    let stop: () => Promise<void>;
    let owned: string;
    let foreign: string;
    beforeAll(async () => {
      const backend = await startTestPlanner([permissions.factory]);
      server = backend.server;
      stop = () => backend.stop();
      owned = (
        await request(server).post('/api/planner/workflows').set(auth).send({
          definition: 'test.reject',
          entityRef: 'component:default/checkout-service',
        })
      ).body.id;
      foreign = (
        await request(server).post('/api/planner/workflows').set(auth).send({
          definition: 'core.noop',
          entityRef: 'component:default/storefront',
        })
      ).body.id;
    });
    afterAll(() => stop());

    it("lets an entity's owners see its workflows, and only those", async () => {
      const list = await request(server)
        .get('/api/planner/workflows')
        .set(auth);
      expect(list.body.items.map((w: any) => w.id)).toEqual([owned]);
      expect(
        (await request(server).get(`/api/planner/workflows/${owned}`).set(auth))
          .status,
      ).toBe(200);
      expect(
        (
          await request(server)
            .get(`/api/planner/workflows/${foreign}`)
            .set(auth)
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server)
            .post(`/api/planner/workflows/${foreign}/cancel`)
            .set(auth)
        ).status,
      ).toBe(403);
    });

    it('refuses a retry the policy denies', async () => {
      const failed = await finished(server, owned);
      const res = await request(server)
        .post(
          `/api/planner/workflows/${owned}/tasks/${failed.tasks[0].id}/retry`,
        )
        .set(auth);
      expect(res.status).toBe(403);
    });

    it('refuses to create when the policy denies it', async () => {
      permissions.authorize.mockResolvedValueOnce([
        { result: AuthorizeResult.DENY },
      ]);
      const res = await request(server)
        .post('/api/planner/workflows')
        .set(auth)
        .send({ definition: 'core.noop' });
      expect(res.status).toBe(403);
      expect(user.principal.userEntityRef).toBe('user:default/guest');
    });
  });
});
