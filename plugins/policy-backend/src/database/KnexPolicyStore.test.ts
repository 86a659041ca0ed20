import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { PolicyScan, summarize } from '@agentic-devops/plugin-policy-common';
import { KnexPolicyStore, NO_OWNER } from './KnexPolicyStore';
import { NewScan } from './PolicyStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const DAY = 24 * 60 * 60_000;
const T0 = Date.parse('2026-12-01T10:00:00.000Z');

type StoredFinding = PolicyScan['findings'][number];

function finding(overrides: Partial<StoredFinding> = {}): StoredFinding {
  return {
    ruleId: 'docker-curl-pipe-shell',
    severity: 'high',
    file: 'Dockerfile',
    line: 3,
    resource: 'Dockerfile',
    message: 'A RUN pipes a download into a shell',
    remediation: 'Download, verify, then run',
    frameworks: ['SOC 2', 'PCI-DSS'],
    status: 'violated',
    ...overrides,
  };
}

function newScan(
  findings: PolicyScan['findings'],
  overrides: Partial<NewScan> = {},
): NewScan {
  return {
    entityRef: 'component:default/checkout',
    entityOwnerRef: 'group:default/payments-team',
    trigger: 'api',
    target: '/src/checkout',
    ruleIds: ['docker-curl-pipe-shell', 'hardcoded-secret'],
    summary: summarize({ files: 2, resources: 2, findings, errors: [] }),
    findings,
    errors: [],
    ...overrides,
  };
}

const request = (overrides: object = {}) => ({
  ruleId: 'docker-curl-pipe-shell',
  entityRef: 'component:default/Checkout',
  resourcePattern: 'Dockerfile',
  reason: 'The vendor only ships an install script',
  expiresAt: new Date(T0 + 30 * DAY).toISOString(),
  ...overrides,
});

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const clock = { now: T0 };
  const store = await KnexPolicyStore.create({
    database: { getClient: async () => knex } as any,
    now: () => clock.now,
  });
  return { knex, store, clock };
}

describe.each(databases.eachSupportedId())(
  'KnexPolicyStore on %p',
  databaseId => {
    it('records a scan with its findings and the waivers it used, and reads it back', async () => {
      const { store } = await createStore(databaseId);
      const waiver = await store.createWaiver(request(), {
        requestedBy: 'user:default/alice',
      });
      const findings = [
        finding({ severity: 'critical', ruleId: 'hardcoded-secret', line: 1 }),
        finding({ waiverId: waiver.id, detail: 'line 3: curl x | sh' }),
      ];
      const { scan, created } = await store.recordScan(
        newScan(findings, { commitSha: 'abc123' }),
        new Map([[waiver.id, 2]]),
      );
      expect(created).toBe(true);
      expect(scan).toEqual({
        id: expect.any(String),
        entityRef: 'component:default/checkout',
        trigger: 'api',
        target: '/src/checkout',
        commitSha: 'abc123',
        createdAt: new Date(T0).toISOString(),
        summary: newScan(findings).summary,
        findings,
        errors: [],
      });
      expect(await store.getScan(scan.id)).toEqual(scan);
      expect(await store.getScan('nope')).toBeUndefined();
      expect((await store.getWaiver(waiver.id))?.uses).toBe(2);
    });

    it('stores nothing when a finding cannot be stored (one transaction)', async () => {
      const { store } = await createStore(databaseId);
      const waiver = await store.createWaiver(request(), {
        requestedBy: 'user:default/alice',
      });
      const broken = finding({ message: null as any });
      await expect(
        store.recordScan(
          newScan([finding(), broken]),
          new Map([[waiver.id, 1]]),
        ),
      ).rejects.toThrow();
      expect((await store.listScans({ offset: 0, limit: 10 })).totalCount).toBe(
        0,
      );
      expect((await store.getWaiver(waiver.id))?.uses).toBe(0);
    });

    it('records a scan once per idempotency key, even concurrently', async () => {
      const { store } = await createStore(databaseId);
      const scan = newScan([finding()], {
        trigger: 'merge_request',
        idempotencyKey: 'gitlab:payments/checkout!7@abc',
      });
      const results = await Promise.all([
        store.recordScan(scan, new Map()),
        store.recordScan(scan, new Map()),
        store.recordScan(scan, new Map()),
      ]);
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(new Set(results.map(r => r.scan.id)).size).toBe(1);
      const again = await store.recordScan(scan, new Map());
      expect(again).toEqual({ scan: results[0].scan, created: false });
      expect(
        (await store.findScanByKey('gitlab:payments/checkout!7@abc'))?.id,
      ).toBe(results[0].scan.id);
      expect((await store.listScans({ offset: 0, limit: 10 })).totalCount).toBe(
        1,
      );
    });

    it('lists scans by entity and trigger, newest first, a page at a time', async () => {
      const { store, clock } = await createStore(databaseId);
      for (let i = 0; i < 5; i++) {
        clock.now = T0 + i * 1000;
        await store.recordScan(
          newScan([finding({ line: i + 1 })], {
            target: `scan-${i}`,
            ...(i === 4 && { entityRef: 'component:default/other' }),
            ...(i === 3 && { trigger: 'merge_request' }),
          }),
          new Map(),
        );
      }
      const page = await store.listScans({
        entityRef: 'Component:default/Checkout',
        offset: 1,
        limit: 2,
      });
      expect(page.totalCount).toBe(4);
      expect(page.items.map(s => s.target)).toEqual(['scan-2', 'scan-1']);
      expect(page.items[0].findings).toEqual([finding({ line: 3 })]);
      const full = await store.listScans({
        entityRef: 'component:default/checkout',
        triggers: ['api', 'scaffolder', 'workflow'],
        offset: 0,
        limit: 1,
      });
      expect(full).toMatchObject({
        totalCount: 3,
        items: [{ target: 'scan-2' }],
      });
      expect(
        (await store.listScans({ offset: 0, limit: 10 })).items[0].target,
      ).toBe('scan-4');
    });

    it('gives an entity trend: open findings per severity and waived ones, oldest first', async () => {
      const { store, clock } = await createStore(databaseId);
      const scans = [
        [finding({ severity: 'critical' }), finding(), finding()],
        [finding({ severity: 'critical' }), finding({ waiverId: 'w1' })],
        [finding({ severity: 'low' })],
      ];
      for (const [i, findings] of scans.entries()) {
        clock.now = T0 + i * DAY;
        await store.recordScan(newScan(findings), new Map());
      }
      clock.now = T0 + 10 * DAY;
      await store.recordScan(
        newScan([finding({ severity: 'medium' })], {
          trigger: 'merge_request',
        }),
        new Map(),
      );
      const trend = await store.trend('component:default/checkout', {
        triggers: ['api', 'scaffolder', 'workflow'],
        limit: 2,
      });
      expect(trend).toEqual([
        {
          scanId: expect.any(String),
          createdAt: new Date(T0 + DAY).toISOString(),
          bySeverity: { critical: 1, high: 0, medium: 0, low: 0 },
          waived: 1,
        },
        {
          scanId: expect.any(String),
          createdAt: new Date(T0 + 2 * DAY).toISOString(),
          bySeverity: { critical: 0, high: 0, medium: 0, low: 1 },
          waived: 0,
        },
      ]);
      expect(
        await store.trend('component:default/none', {
          triggers: ['api'],
          limit: 10,
        }),
      ).toEqual([]);
    });

    it('keeps waivers: requested pending, decided once (compare-and-set)', async () => {
      const { store, clock } = await createStore(databaseId);
      const waiver = await store.createWaiver(request(), {
        requestedBy: 'user:default/alice',
        entityOwnerRef: 'group:default/Payments-Team',
      });
      expect(waiver).toEqual({
        id: expect.any(String),
        ruleId: 'docker-curl-pipe-shell',
        entityRef: 'component:default/checkout',
        entityOwnerRef: 'group:default/payments-team',
        resourcePattern: 'Dockerfile',
        reason: 'The vendor only ships an install script',
        expiresAt: new Date(T0 + 30 * DAY).toISOString(),
        status: 'pending',
        requestedBy: 'user:default/alice',
        requestedAt: new Date(T0).toISOString(),
        uses: 0,
      });
      clock.now = T0 + 1000;
      const [approve, reject] = await Promise.all([
        store.decideWaiver(waiver.id, {
          status: 'approved',
          by: 'user:default/alice',
        }),
        store.decideWaiver(waiver.id, {
          status: 'rejected',
          by: 'user:default/carol',
        }),
      ]);
      const decided = [approve, reject].filter(Boolean);
      expect(decided).toHaveLength(1);
      expect(decided[0]).toMatchObject({
        decidedAt: new Date(T0 + 1000).toISOString(),
      });
      expect(
        await store.decideWaiver(waiver.id, {
          status: 'rejected',
          by: 'user:default/alice',
        }),
      ).toBeUndefined();
      expect(await store.getWaiver('nope')).toBeUndefined();
      expect(
        (await store.getWaivers(['nope', waiver.id])).map(w => w.id),
      ).toEqual([waiver.id]);
    });

    it('reads waivers past their expiry as expired, and marks them so once', async () => {
      const { store, clock } = await createStore(databaseId);
      const soon = new Date(T0 + DAY).toISOString();
      const approved = await store.createWaiver(request({ expiresAt: soon }), {
        requestedBy: 'user:default/alice',
      });
      await store.decideWaiver(approved.id, {
        status: 'approved',
        by: 'user:default/alice',
      });
      const pending = await store.createWaiver(request({ expiresAt: soon }), {
        requestedBy: 'user:default/alice',
      });
      const rejected = await store.createWaiver(request({ expiresAt: soon }), {
        requestedBy: 'user:default/alice',
      });
      await store.decideWaiver(rejected.id, {
        status: 'rejected',
        by: 'user:default/alice',
      });
      const lasting = await store.createWaiver(request(), {
        requestedBy: 'user:default/alice',
      });
      await store.decideWaiver(lasting.id, {
        status: 'approved',
        by: 'user:default/alice',
      });

      const ids = async (status: any[]) =>
        (await store.listWaivers({ status })).map(w => w.id).sort();
      expect(await ids(['approved'])).toEqual([approved.id, lasting.id].sort());
      expect(await ids(['expired'])).toEqual([]);

      clock.now = T0 + DAY;
      expect((await store.getWaiver(approved.id))?.status).toBe('expired');
      expect(await ids(['approved'])).toEqual([lasting.id]);
      expect(await ids(['expired'])).toEqual([approved.id, pending.id].sort());
      expect(await ids(['expired', 'rejected'])).toEqual(
        [approved.id, pending.id, rejected.id].sort(),
      );
      // Too late to approve.
      expect(
        await store.decideWaiver(pending.id, {
          status: 'approved',
          by: 'user:default/alice',
        }),
      ).toBeUndefined();

      const marked = await Promise.all([
        store.expireWaivers(),
        store.expireWaivers(),
      ]);
      expect(
        marked
          .flat()
          .map(w => w.id)
          .sort(),
      ).toEqual([approved.id, pending.id].sort());
      expect(await store.expireWaivers()).toEqual([]);
      expect(await ids(['expired'])).toEqual([approved.id, pending.id].sort());
    });

    it('finds the approved, unexpired waivers of an entity at a given time', async () => {
      const { store } = await createStore(databaseId);
      const make = async (overrides: object, approve: boolean) => {
        const w = await store.createWaiver(request(overrides), {
          requestedBy: 'user:default/alice',
        });
        if (approve) {
          await store.decideWaiver(w.id, {
            status: 'approved',
            by: 'user:default/alice',
          });
        }
        return w.id;
      };
      const a = await make({}, true);
      await make({}, false);
      const short = await make(
        { expiresAt: new Date(T0 + 2 * DAY).toISOString() },
        true,
      );
      await make({ entityRef: 'component:default/other' }, true);
      const at = (days: number) =>
        store
          .applicableWaivers(
            'component:default/CHECKOUT',
            new Date(T0 + days * DAY),
          )
          .then(ws => ws.map(w => w.id).sort());
      expect(await at(1)).toEqual([a, short].sort());
      expect(await at(2)).toEqual([a]);
      expect(await at(31)).toEqual([]);
    });

    it('lists waivers by entity and with permission filters', async () => {
      const { store } = await createStore(databaseId);
      const mine = await store.createWaiver(request(), {
        requestedBy: 'user:default/alice',
        entityOwnerRef: 'group:default/payments-team',
      });
      const theirs = await store.createWaiver(
        request({ entityRef: 'component:default/web' }),
        {
          requestedBy: 'user:default/bob',
          entityOwnerRef: 'group:default/web',
        },
      );
      expect(
        (await store.listWaivers({ entityRef: 'component:default/web' })).map(
          w => w.id,
        ),
      ).toEqual([theirs.id]);
      expect(
        (
          await store.listWaivers({
            permission: {
              key: 'entityOwnerRef',
              values: ['group:default/Payments-Team'],
            },
          })
        ).map(w => w.id),
      ).toEqual([mine.id]);
      expect(
        await store.listWaivers({
          permission: { not: { key: 'entityRef', values: [] } },
        }),
      ).toHaveLength(2);
    });

    it('reports compliance per framework, rule and owner over the latest full scan of each entity', async () => {
      const { store, clock } = await createStore(databaseId);
      const record = async (
        entityRef: string | undefined,
        owner: string | undefined,
        findings: PolicyScan['findings'],
        overrides: Partial<NewScan> = {},
      ) => {
        clock.now += 1000;
        await store.recordScan(
          newScan(findings, { entityRef, entityOwnerRef: owner, ...overrides }),
          new Map(),
        );
      };
      const secret = (o: Partial<StoredFinding> = {}) =>
        finding({
          ruleId: 'hardcoded-secret',
          severity: 'critical',
          frameworks: ['PCI-DSS'],
          ...o,
        });
      // checkout: an old scan with findings, then a clean one.
      await record('component:default/checkout', 'group:default/payments', [
        secret(),
        finding(),
      ]);
      await record('component:default/checkout', 'group:default/payments', []);
      // An MR scan after it does not count.
      await record(
        'component:default/checkout',
        'group:default/payments',
        [secret()],
        { trigger: 'merge_request' },
      );
      // orders: two curl findings, one of them waived; a secret.
      await record('component:default/orders', 'group:default/payments', [
        finding(),
        finding({ line: 9, waiverId: 'w1' }),
        secret(),
      ]);
      // web: no owner; a finding of a rule no longer configured.
      await record('component:default/web', undefined, [
        finding({
          ruleId: 'retired-rule',
          severity: 'low',
          frameworks: ['operations'],
        }),
      ]);
      // A scan without an entity is nobody's.
      await record(undefined, undefined, [secret()]);

      const report = await store.complianceReport({
        rules: [
          {
            id: 'docker-curl-pipe-shell',
            severity: 'high',
            frameworks: ['SOC 2', 'PCI-DSS'],
          },
          {
            id: 'hardcoded-secret',
            severity: 'critical',
            frameworks: ['PCI-DSS'],
          },
        ],
        triggers: ['api', 'scaffolder', 'workflow'],
      });
      const row = (framework: string, ruleId: string, owner: string) =>
        report.rows.find(
          r =>
            r.framework === framework &&
            r.ruleId === ruleId &&
            r.owner === owner,
        );
      expect(
        row('PCI-DSS', 'docker-curl-pipe-shell', 'group:default/payments'),
      ).toEqual({
        framework: 'PCI-DSS',
        ruleId: 'docker-curl-pipe-shell',
        severity: 'high',
        owner: 'group:default/payments',
        entities: 2,
        compliant: 1,
        findings: 1,
        waived: 1,
      });
      expect(
        row('PCI-DSS', 'hardcoded-secret', 'group:default/payments'),
      ).toMatchObject({ entities: 2, compliant: 1, findings: 1, waived: 0 });
      expect(
        row('SOC 2', 'docker-curl-pipe-shell', 'group:default/payments'),
      ).toMatchObject({ entities: 2, compliant: 1 });
      expect(row('PCI-DSS', 'hardcoded-secret', NO_OWNER)).toMatchObject({
        entities: 1,
        compliant: 1,
        findings: 0,
      });
      expect(row('operations', 'retired-rule', NO_OWNER)).toMatchObject({
        severity: 'low',
        entities: 1,
        compliant: 0,
        findings: 1,
      });
      expect(report.rows).toHaveLength(7);
      expect(report.rows.map(r => r.framework)).toEqual(
        [...report.rows.map(r => r.framework)].sort((a, b) =>
          a.localeCompare(b),
        ),
      );
      expect(report.frameworks).toEqual([
        { framework: 'operations', compliant: 0, total: 1 },
        { framework: 'PCI-DSS', compliant: 4, total: 6 },
        { framework: 'SOC 2', compliant: 2, total: 3 },
      ]);
      expect(report.generatedAt).toBe(new Date(clock.now).toISOString());
    });
  },
);
