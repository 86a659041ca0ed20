import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PolicyClient,
  PolicyScan,
  ScanReport,
  summarize,
} from '@agentic-devops/plugin-policy-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import policyPlugin from '..';
import {
  curlPipeDockerfile,
  entities,
  POLICIES_DIR,
  settingsWithSecret,
  userInfoFactory,
} from '../__testUtils__/fixtures';

jest.setTimeout(30_000);

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const scaffolder = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'policy',
});

const source = createMockDirectory({
  content: {
    Dockerfile: curlPipeDockerfile,
    'app/settings.py': settingsWithSecret,
  },
});

const catalog = [
  ...entities,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'local-app',
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `file:${source.path}/`,
      },
    },
    spec: { type: 'service', owner: 'group:default/payments-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  },
];

const finding = {
  ruleId: 'docker-curl-pipe-shell',
  severity: 'high' as const,
  file: 'Dockerfile',
  line: 1,
  resource: 'Dockerfile',
  message: 'A RUN pipes a download into a shell',
  remediation: 'Download, verify, then run',
  frameworks: ['SOC 2', 'PCI-DSS'],
  status: 'violated' as const,
  detail: 'line 3: curl x | sh',
};

const report: ScanReport = {
  findings: [finding],
  summary: summarize({
    files: 1,
    resources: 1,
    findings: [finding],
    errors: [],
  }),
  errors: [],
};

const inAYear = () => new Date(Date.now() + 300 * 86_400_000).toISOString();

async function start(permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  return startTestBackend({
    features: [
      policyPlugin,
      catalogServiceMock.factory({ entities: catalog }),
      userInfoFactory,
      mockServices.permissions.factory({ result: permission }),
      mockServices.rootConfig.factory({
        data: { policy: { rules: { directory: POLICIES_DIR } } },
      }),
    ],
  });
}

describe('the policy REST API', () => {
  describe('with permission', () => {
    let backend: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      backend = await start(AuthorizeResult.ALLOW);
    });
    afterAll(() => backend.stop());
    const api = () => request(backend.server);

    it('records a report from the scaffolder and serves it back', async () => {
      const recorded = await api()
        .post('/api/policy/scans')
        .set('Authorization', scaffolder)
        .send({
          report,
          entityRef: 'component:default/checkout',
          trigger: 'scaffolder',
          target: 'template:default/python-service',
          commitSha: 'abc123',
        });
      expect(recorded.status).toBe(201);
      const scan: PolicyScan = recorded.body;
      expect(scan).toMatchObject({
        entityRef: 'component:default/checkout',
        trigger: 'scaffolder',
        target: 'template:default/python-service',
        commitSha: 'abc123',
        findings: [finding],
      });

      const one = await api()
        .get(`/api/policy/scans/${scan.id}`)
        .set('Authorization', alice);
      expect(one.body).toEqual(scan);
      const list = await api()
        .get('/api/policy/scans')
        .query({ entityRef: 'component:default/checkout', limit: 5 })
        .set('Authorization', alice);
      expect(list.body).toMatchObject({
        totalCount: 1,
        offset: 0,
        limit: 5,
        items: [{ id: scan.id }],
      });
      const mergeRequestsOnly = await api()
        .get('/api/policy/scans?trigger=merge_request')
        .set('Authorization', alice);
      expect(mergeRequestsOnly.body.totalCount).toBe(0);
      const missing = await api()
        .get('/api/policy/scans/nope')
        .set('Authorization', alice);
      expect(missing.status).toBe(404);

      const trend = await api()
        .get('/api/policy/trend')
        .query({ entityRef: 'component:default/checkout' })
        .set('Authorization', alice);
      expect(trend.body).toEqual({
        points: [
          {
            scanId: scan.id,
            createdAt: scan.createdAt,
            bySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
            waived: 0,
          },
        ],
      });
    });

    it('rejects bad input with a message that says what is wrong', async () => {
      const noTarget = await api()
        .post('/api/policy/scans')
        .set('Authorization', scaffolder)
        .send({ report, trigger: 'scaffolder' });
      expect(noTarget.status).toBe(400);
      expect(noTarget.body.error.message).toMatch(/target/);
      const badSeverity = await api()
        .post('/api/policy/scans')
        .set('Authorization', scaffolder)
        .send({
          report: { ...report, findings: [{ ...finding, severity: 'huge' }] },
          trigger: 'scaffolder',
          target: 'x',
        });
      expect(badSeverity.status).toBe(400);
      expect(badSeverity.body.error.message).toMatch(/severity/);
      const extra = await api()
        .post('/api/policy/scans')
        .set('Authorization', scaffolder)
        .send({ report, trigger: 'scaffolder', target: 'x', unexpected: 1 });
      expect(extra.status).toBe(400);
      const unknownEntity = await api()
        .post('/api/policy/scans')
        .set('Authorization', scaffolder)
        .send({
          report,
          trigger: 'scaffolder',
          target: 'x',
          entityRef: 'component:default/ghost',
        });
      expect(unknownEntity.status).toBe(400);
      expect(unknownEntity.body.error.message).toBe(
        'Entity component:default/ghost is not in the catalog',
      );
      const noEntity = await api()
        .get('/api/policy/trend')
        .set('Authorization', alice);
      expect(noEntity.status).toBe(400);
      expect(noEntity.body.error.message).toMatch(/entityRef/);
      const badStatus = await api()
        .get('/api/policy/waivers?status=forever')
        .set('Authorization', alice);
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.error.message).toMatch(/status/);
      const badLimit = await api()
        .get('/api/policy/scans?limit=500')
        .set('Authorization', alice);
      expect(badLimit.status).toBe(400);
    });

    it("scans an entity's local source on request, and says why others cannot be", async () => {
      const run = await api()
        .post('/api/policy/scans/run')
        .set('Authorization', alice)
        .send({ entityRef: 'component:default/local-app' });
      expect(run.status).toBe(201);
      expect(run.body).toMatchObject({
        entityRef: 'component:default/local-app',
        trigger: 'api',
        target: source.path,
      });
      expect(run.body.findings.map((f: any) => f.ruleId)).toEqual([
        'hardcoded-secret',
        'docker-curl-pipe-shell',
      ]);
      const gitlab = await api()
        .post('/api/policy/scans/run')
        .set('Authorization', alice)
        .send({ entityRef: 'component:default/checkout' });
      expect(gitlab.status).toBe(400);
      expect(gitlab.body.error.message).toMatch(
        /component:default\/checkout has no backstage.io\/source-location annotation/,
      );
    });

    it('takes waiver requests, and decisions from owners only', async () => {
      const bad = await api()
        .post('/api/policy/waivers')
        .set('Authorization', alice)
        .send({
          ruleId: 'docker-curl-pipe-shell',
          entityRef: 'component:default/checkout',
          resourcePattern: 'Dockerfile',
          reason: 'short',
          expiresAt: inAYear(),
        });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/reason/);
      const tooLong = await api()
        .post('/api/policy/waivers')
        .set('Authorization', alice)
        .send({
          ruleId: 'docker-curl-pipe-shell',
          entityRef: 'component:default/checkout',
          resourcePattern: 'Dockerfile',
          reason: 'The vendor only ships an install script',
          expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
        });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(/at most 365 days ahead/);

      const created = await api()
        .post('/api/policy/waivers')
        .set('Authorization', bob)
        .send({
          ruleId: 'docker-curl-pipe-shell',
          entityRef: 'component:default/checkout',
          resourcePattern: 'Dockerfile',
          reason: 'The vendor only ships an install script',
          expiresAt: inAYear(),
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'pending',
        requestedBy: 'user:default/bob',
      });
      const id = created.body.id;

      const byBob = await api()
        .post(`/api/policy/waivers/${id}/approve`)
        .set('Authorization', bob)
        .send({});
      expect(byBob.status).toBe(403);
      expect(byBob.body.error.message).toBe(
        'Only the owners of component:default/checkout (group:default/payments-team) can approve its waivers',
      );
      const asService = await api()
        .post(`/api/policy/waivers/${id}/approve`)
        .set('Authorization', scaffolder)
        .send({});
      expect(asService.status).toBe(403);

      const pending = await api()
        .get('/api/policy/waivers')
        .query({ entityRef: 'component:default/checkout', status: 'pending' })
        .set('Authorization', alice);
      expect(pending.body.items.map((w: any) => w.id)).toEqual([id]);

      const byAlice = await api()
        .post(`/api/policy/waivers/${id}/approve`)
        .set('Authorization', alice);
      expect(byAlice.status).toBe(200);
      expect(byAlice.body).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/alice',
      });
      const again = await api()
        .post(`/api/policy/waivers/${id}/reject`)
        .set('Authorization', alice)
        .send({});
      expect(again.status).toBe(409);
      const unknown = await api()
        .post('/api/policy/waivers/nope/reject')
        .set('Authorization', alice)
        .send({});
      expect(unknown.status).toBe(404);
    });

    it('serves the compliance report as JSON and as CSV', async () => {
      const json = await api()
        .get('/api/policy/report')
        .set('Authorization', alice);
      expect(json.status).toBe(200);
      expect(json.body.rows).toContainEqual(
        expect.objectContaining({
          framework: 'PCI-DSS',
          ruleId: 'hardcoded-secret',
          owner: 'group:default/payments-team',
        }),
      );
      const csv = await api()
        .get('/api/policy/report.csv')
        .set('Authorization', alice);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain(
        'policy-compliance.csv',
      );
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'framework,ruleId,severity,owner,entities,compliant,findings,waived',
      );
      expect(lines).toHaveLength(json.body.rows.length + 1);
      expect(lines).toContain(
        'PCI-DSS,hardcoded-secret,critical,group:default/payments-team,2,1,1,0',
      );
    });

    it("answers policy-common's PolicyClient, method by method", async () => {
      const { port } = backend.server.address() as AddressInfo;
      const client = new PolicyClient({
        discoveryApi: {
          getBaseUrl: async pluginId =>
            `http://127.0.0.1:${port}/api/${pluginId}`,
        },
      });
      const asAlice = {
        token: mockCredentials.user.token('user:default/alice'),
      };
      const latest = await client.getLatestScan(
        'component:default/checkout',
        asAlice,
      );
      expect(latest?.trigger).toBe('scaffolder');
      expect(
        (await client.listScans({ offset: 0, limit: 2 }, asAlice)).items,
      ).toHaveLength(2);
      expect(await client.getScan(latest!.id, asAlice)).toEqual(latest);
      expect(
        await client.getTrend('component:default/checkout', asAlice),
      ).toHaveLength(1);
      const waiver = await client.requestWaiver(
        {
          ruleId: 'hardcoded-secret',
          entityRef: 'component:default/checkout',
          resourcePattern: 'app/settings.py:*',
          reason: 'A test fixture, not a real token',
          expiresAt: inAYear(),
        },
        asAlice,
      );
      expect(
        await client.listWaivers(
          { entityRef: 'component:default/checkout', status: ['pending'] },
          asAlice,
        ),
      ).toEqual([waiver]);
      expect(await client.rejectWaiver(waiver.id, asAlice)).toMatchObject({
        status: 'rejected',
      });
      await expect(client.approveWaiver(waiver.id, asAlice)).rejects.toThrow(
        /409 Conflict/,
      );
      expect(
        (await client.getComplianceReport(asAlice)).frameworks.length,
      ).toBeGreaterThan(0);
    });

    it('needs a valid caller', async () => {
      const invalid = await api()
        .get('/api/policy/scans')
        .set('Authorization', mockCredentials.user.invalidHeader());
      expect(invalid.status).toBe(401);
    });
  });

  describe('without permission', () => {
    let backend: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      backend = await start(AuthorizeResult.DENY);
    });
    afterAll(() => backend.stop());
    const api = () => request(backend.server);

    it('shows nothing and allows nothing, but services still record', async () => {
      const list = await api()
        .get('/api/policy/scans')
        .set('Authorization', alice);
      expect(list.status).toBe(403);
      expect(list.body.error.message).toMatch(/agentic.policy.read/);
      const report403 = await api()
        .get('/api/policy/report.csv')
        .set('Authorization', alice);
      expect(report403.status).toBe(403);
      const asUser = await api()
        .post('/api/policy/scans')
        .set('Authorization', alice)
        .send({ report, trigger: 'api', target: 'x' });
      expect(asUser.status).toBe(403);
      const asService = await api()
        .post('/api/policy/scans')
        .set('Authorization', scaffolder)
        .send({ report, trigger: 'scaffolder', target: 'x' });
      expect(asService.status).toBe(201);
      const run = await api()
        .post('/api/policy/scans/run')
        .set('Authorization', alice)
        .send({ entityRef: 'component:default/local-app' });
      expect(run.status).toBe(403);
      const waiver = await api()
        .post('/api/policy/waivers')
        .set('Authorization', alice)
        .send({
          ruleId: 'docker-curl-pipe-shell',
          entityRef: 'component:default/checkout',
          resourcePattern: 'Dockerfile',
          reason: 'The vendor only ships an install script',
          expiresAt: inAYear(),
        });
      expect(waiver.status).toBe(403);
    });
  });
});
