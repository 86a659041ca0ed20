import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Diagnosis } from '@agentic-devops/plugin-remediation-common';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { KnexRemediationStore } from './KnexRemediationStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const job = (overrides: Partial<FailedJob> = {}): FailedJob => ({
  source: 'gitlab',
  project: 'payments/checkout',
  pipelineId: '100',
  jobId: '1001',
  jobName: 'test',
  ref: 'main',
  commitSha: 'abc123',
  jobUrl: 'https://gitlab.example.com/payments/checkout/-/jobs/1001',
  failedAt: '2026-11-25T10:00:00.000Z',
  ...overrides,
});

const diagnosis = (category: Diagnosis['category']): Diagnosis => ({
  category,
  playbookId: 'pb-dep-001',
  rootCause: "ModuleNotFoundError: No module named 'yaml'",
  evidence: [{ line: 12, text: "ModuleNotFoundError: No module named 'yaml'" }],
  riskLevel: 'medium',
  confidence: 0.95,
  autoFixable: true,
  source: 'rules',
});

async function createStore(databaseId: TestDatabaseId, now = () => Date.now()) {
  const knex = await databases.init(databaseId);
  const store = await KnexRemediationStore.create({
    database: { getClient: async () => knex } as any,
    maxAttempts: 3,
    now,
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'KnexRemediationStore on %p',
  databaseId => {
    it('records a failed job once, however often it arrives', async () => {
      const { store } = await createStore(databaseId);
      const first = await store.receive(job(), {
        ref: 'component:default/Checkout',
        owner: 'group:default/payments',
      });
      const again = await store.receive(job(), {});
      const concurrent = await Promise.all(
        [1, 2, 3].map(() => store.receive(job(), {})),
      );
      expect(first.created).toBe(true);
      expect(again).toEqual({ remediation: first.remediation, created: false });
      expect(concurrent.every(c => !c.created)).toBe(true);
      expect(first.remediation).toMatchObject({
        status: 'received',
        entityRef: 'component:default/checkout',
        entityOwnerRef: 'group:default/payments',
        failedAt: '2026-11-25T10:00:00.000Z',
        attempt: 0,
        maxAttempts: 3,
        workflowIds: [],
        job: job(),
      });
      const page = await store.list({ offset: 0, limit: 10 });
      expect(page.totalCount).toBe(1);
      // The public record carries no internals.
      expect(page.items[0]).not.toHaveProperty('job');
      expect(page.items[0]).not.toHaveProperty('logTail');
    });

    it('two replicas receiving the same job concurrently create one record', async () => {
      const { knex } = await createStore(databaseId);
      const replicas = [1, 2].map(
        () => new KnexRemediationStore(knex, 3, Date.now),
      );
      const results = await Promise.all(
        replicas.map(r => r.receive(job({ jobId: '2002' }), {})),
      );
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(results[0].remediation.id).toBe(results[1].remediation.id);
    });

    it('updates only from the expected status (compare-and-set)', async () => {
      const { store } = await createStore(databaseId);
      const { remediation } = await store.receive(job(), {});
      const decided = await store.update(
        remediation.id,
        {
          status: 'awaiting_approval',
          diagnosis: diagnosis('missing_env_var'),
        },
        ['received', 'diagnosing'],
      );
      expect(decided?.status).toBe('awaiting_approval');
      expect(decided?.diagnosis?.category).toBe('missing_env_var');
      const [approve, reject] = await Promise.all([
        store.update(remediation.id, { status: 'fixing' }, [
          'awaiting_approval',
        ]),
        store.update(remediation.id, { status: 'rejected' }, [
          'awaiting_approval',
        ]),
      ]);
      expect([approve, reject].filter(Boolean)).toHaveLength(1);
    });

    it('keeps the workflow ids in order, without duplicates', async () => {
      const { store } = await createStore(databaseId);
      const { remediation } = await store.receive(job(), {});
      await store.addWorkflow(remediation.id, 'w1');
      await store.addWorkflow(remediation.id, 'w1');
      await store.addWorkflow(remediation.id, 'w2');
      expect((await store.get(remediation.id))?.workflowIds).toEqual([
        'w1',
        'w2',
      ]);
    });

    it('gives at most maxAttempts attempts per fingerprint, one per remediation', async () => {
      const { store } = await createStore(databaseId);
      const ids = [];
      for (let i = 0; i < 5; i++) {
        ids.push(
          (await store.receive(job({ jobId: `30${i}` }), {})).remediation.id,
        );
      }
      const claims = await Promise.all(
        ids.map(id => store.claimAttempt('fp-1', id, 3)),
      );
      expect(claims.filter(c => c.claimed)).toHaveLength(3);
      expect(
        claims.flatMap(c => (c.claimed ? [c.attempt] : [])).sort(),
      ).toEqual([1, 2, 3]);
      // Asking again (a retried task) returns the attempt it already has.
      const holder = ids[claims.findIndex(c => c.claimed)];
      const repeat = await store.claimAttempt('fp-1', holder, 3);
      expect(repeat.claimed).toBe(true);
      expect((await store.getFix('fp-1'))?.attempts).toBe(3);
      const late = await store.claimAttempt(
        'fp-1',
        ids[claims.findIndex(c => !c.claimed)],
        3,
      );
      expect(late).toEqual({ claimed: false, attempts: 3 });
    });

    it('records the fix branch and merge request of a fingerprint', async () => {
      const { store } = await createStore(databaseId);
      const { remediation } = await store.receive(job(), {});
      await store.claimAttempt('fp-2', remediation.id, 3);
      await store.recordFixBranch('fp-2', {
        branch: 'agentic/fix/x',
        mergeRequestUrl: 'https://gitlab.example.com/mr/1',
      });
      expect(await store.getFix('fp-2')).toMatchObject({
        attempts: 1,
        branch: 'agentic/fix/x',
        mergeRequestUrl: 'https://gitlab.example.com/mr/1',
        lastRemediationId: remediation.id,
      });
    });

    it('lists by entity and status, latest failure first, with permission filters', async () => {
      const { store } = await createStore(databaseId);
      const a = await store.receive(
        job({ jobId: 'a', failedAt: '2026-11-25T10:00:00Z' }),
        { ref: 'component:default/a', owner: 'group:default/team-a' },
      );
      await store.receive(
        job({ jobId: 'b', failedAt: '2026-11-25T11:00:00Z' }),
        {
          ref: 'component:default/b',
          owner: 'group:default/team-b',
        },
      );
      await store.receive(
        job({ jobId: 'c', failedAt: '2026-11-25T12:00:00Z' }),
        {
          ref: 'component:default/a',
          owner: 'group:default/team-a',
        },
      );
      await store.update(a.remediation.id, { status: 'not_fixable' });

      const all = await store.list({ offset: 0, limit: 10 });
      expect(all.items.map(r => r.jobId)).toEqual(['c', 'b', 'a']);
      const ofA = await store.list({
        entityRef: 'component:default/A',
        offset: 0,
        limit: 10,
      });
      expect(ofA.items.map(r => r.jobId)).toEqual(['c', 'a']);
      const notFixable = await store.list({
        status: ['not_fixable'],
        offset: 0,
        limit: 10,
      });
      expect(notFixable.items.map(r => r.jobId)).toEqual(['a']);
      const owned = await store.list({
        offset: 0,
        limit: 1,
        permission: { key: 'entityOwnerRef', values: ['group:default/Team-B'] },
      });
      expect(owned).toMatchObject({ totalCount: 1, items: [{ jobId: 'b' }] });
      const none = await store.list({
        offset: 0,
        limit: 10,
        permission: {
          not: {
            key: 'entityRef',
            values: ['component:default/a', 'component:default/b'],
          },
        },
      });
      expect(none.totalCount).toBe(0);
    });

    it('computes success rate, MTTR and the most common causes', async () => {
      const { store } = await createStore(databaseId);
      const add = async (
        id: string,
        category: Diagnosis['category'],
        status: 'fixed' | 'failed' | 'not_fixable' | 'gave_up',
        minutesToGreen?: number,
      ) => {
        const failedAt = Date.parse('2026-11-25T10:00:00Z');
        const { remediation } = await store.receive(
          job({ jobId: id, failedAt: new Date(failedAt).toISOString() }),
          { ref: 'component:default/a' },
        );
        await store.update(remediation.id, {
          status,
          diagnosis: diagnosis(category),
          ...(minutesToGreen !== undefined && {
            resolvedAt: new Date(
              failedAt + minutesToGreen * 60_000,
            ).toISOString(),
          }),
        });
      };
      expect((await store.stats({})).successRate).toBeNull();
      await add('1', 'missing_python_package', 'fixed', 10);
      await add('2', 'missing_python_package', 'fixed', 20);
      await add('3', 'flaky_test', 'failed');
      await add('4', 'test_failure', 'not_fixable');
      await add('5', 'flaky_test', 'gave_up');
      await add('6', 'missing_python_package', 'not_fixable');

      const stats = await store.stats({});
      expect(stats).toEqual({
        total: 6,
        successRate: 0.5,
        mttrSeconds: 900,
        byStatus: { fixed: 2, failed: 1, not_fixable: 2, gave_up: 1 },
        topCauses: [
          { category: 'missing_python_package', count: 3 },
          { category: 'flaky_test', count: 2 },
          { category: 'test_failure', count: 1 },
        ],
      });
      const other = await store.stats({ entityRef: 'component:default/none' });
      expect(other).toMatchObject({
        total: 0,
        successRate: null,
        mttrSeconds: null,
      });
    });
  },
);
