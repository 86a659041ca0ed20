import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { workflowServiceRef } from '@agentic-devops/plugin-agentic-node';
import { remediationSourcesExtensionPoint } from '@agentic-devops/plugin-remediation-node';
import request from 'supertest';
import remediationPlugin from '..';
import { FakeSource } from '../__testUtils__/FakeSource';
import { entities, PLAYBOOKS_DIR } from '../__testUtils__/startTestAgent';

jest.setTimeout(30_000);

const user = mockCredentials.user.header('user:default/alice');

/** The remediation plugin alone: a fake source, and a workflow service that records. */
async function startRouter(
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const source = new FakeSource();
  const workflows: any[] = [];
  const backend = await startTestBackend({
    features: [
      remediationPlugin,
      createBackendModule({
        pluginId: 'remediation',
        moduleId: 'fake-source',
        register(env) {
          env.registerInit({
            deps: { sources: remediationSourcesExtensionPoint },
            async init({ sources }) {
              sources.addSource(source);
            },
          });
        },
      }),
      createServiceFactory({
        service: workflowServiceRef,
        deps: {},
        factory: () =>
          ({
            create: async (req: any) => {
              workflows.push(req);
              return {
                workflow: { id: `wf-${workflows.length}` },
                created: true,
              };
            },
          } as any),
      }),
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result: permission }),
      mockServices.rootConfig.factory({
        data: { remediation: { playbooks: { directory: PLAYBOOKS_DIR } } },
      }),
    ],
  });
  const { remediationId } = (await source.intake!.receive({
    source: 'gitlab',
    project: 'payments/checkout',
    pipelineId: '10',
    jobId: '11',
    jobName: 'test',
    ref: 'main',
  })) as { remediationId: string };
  return { backend, source, workflows, remediationId };
}

describe('the remediation REST API', () => {
  describe('with permission', () => {
    let env: Awaited<ReturnType<typeof startRouter>>;
    beforeAll(async () => {
      env = await startRouter(AuthorizeResult.ALLOW);
    });
    afterAll(() => env.backend.stop());
    const api = () => request(env.backend.server);

    it('starts one workflow per failure, for the owning entity', () => {
      expect(env.workflows).toEqual([
        {
          definition: 'remediation.pipeline-failure',
          parameters: { remediationId: env.remediationId },
          entityRef: 'component:default/checkout',
          idempotencyKey: `remediation:${env.remediationId}`,
        },
      ]);
    });

    it('lists, filters and reads records', async () => {
      const list = await api()
        .get('/api/remediation/remediations')
        .query({ entityRef: 'component:default/checkout', status: 'received' })
        .set('Authorization', user);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({
        totalCount: 1,
        items: [{ id: env.remediationId, workflowIds: ['wf-1'] }],
      });
      const one = await api()
        .get(`/api/remediation/remediations/${env.remediationId}`)
        .set('Authorization', user);
      expect(one.body).toMatchObject({ status: 'received', jobName: 'test' });
      const log = await api()
        .get(`/api/remediation/remediations/${env.remediationId}/log`)
        .set('Authorization', user);
      expect(log.body).toEqual({ lines: [] });
      const missing = await api()
        .get('/api/remediation/remediations/nope')
        .set('Authorization', user);
      expect(missing.status).toBe(404);
    });

    it('rejects bad input with a message that says what is wrong', async () => {
      const status = await api()
        .get('/api/remediation/remediations?status=bogus')
        .set('Authorization', user);
      expect(status.status).toBe(400);
      expect(status.body.error.message).toMatch(/status/);
      const local = await api()
        .post('/api/remediation/local/runs')
        .set('Authorization', user)
        .send({ repoDir: '/tmp/x', unexpected: true });
      expect(local.status).toBe(400);
      const json = await api()
        .post('/api/remediation/analyze')
        .set('Authorization', user)
        .send({ log: 'x' });
      expect(json.status).toBe(400);
    });

    it("lets only the entity's owners decide on a fix", async () => {
      const response = await api()
        .post(`/api/remediation/remediations/${env.remediationId}/approve`)
        .set('Authorization', user)
        .send({});
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(
        /owners of component:default\/checkout/,
      );
    });

    it('says when local pipelines are not enabled', async () => {
      const response = await api()
        .post('/api/remediation/local/runs')
        .set('Authorization', user)
        .send({ repoDir: '/tmp/repo' });
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/remediation.local.enabled/);
    });

    it('diagnoses a log sent as text, storing nothing', async () => {
      const response = await api()
        .post('/api/remediation/analyze')
        .set('Authorization', user)
        .set('Content-Type', 'text/plain')
        .send(
          "Traceback (most recent call last):\nModuleNotFoundError: No module named 'sklearn'\n",
        );
      expect(response.body).toMatchObject({
        category: 'missing_python_package',
        evidence: [{ line: 2 }],
        fix: { steps: [{ type: 'add-dependency' }] },
      });
      expect(response.body.fix.summary).toContain('scikit-learn');
      const list = await api()
        .get('/api/remediation/remediations')
        .set('Authorization', user);
      expect(list.body.totalCount).toBe(1);
    });

    it('reports stats', async () => {
      const response = await api()
        .get('/api/remediation/stats')
        .set('Authorization', user);
      expect(response.body).toEqual({
        total: 1,
        successRate: null,
        mttrSeconds: null,
        byStatus: { received: 1 },
        topCauses: [],
      });
    });
  });

  describe('without permission', () => {
    let env: Awaited<ReturnType<typeof startRouter>>;
    beforeAll(async () => {
      env = await startRouter(AuthorizeResult.DENY);
    });
    afterAll(() => env.backend.stop());
    const api = () => request(env.backend.server);

    it('shows nothing and allows nothing', async () => {
      const list = await api()
        .get('/api/remediation/remediations')
        .set('Authorization', user);
      expect(list.body).toMatchObject({ items: [], totalCount: 0 });
      const one = await api()
        .get(`/api/remediation/remediations/${env.remediationId}`)
        .set('Authorization', user);
      expect(one.status).toBe(404);
      const approve = await api()
        .post(`/api/remediation/remediations/${env.remediationId}/approve`)
        .set('Authorization', user)
        .send({});
      expect(approve.status).toBe(403);
      const local = await api()
        .post('/api/remediation/local/runs')
        .set('Authorization', user)
        .send({ repoDir: '/tmp/repo' });
      expect(local.status).toBe(403);
      const stats = await api()
        .get('/api/remediation/stats')
        .set('Authorization', user);
      expect(stats.body.total).toBe(0);
    });
  });
});
