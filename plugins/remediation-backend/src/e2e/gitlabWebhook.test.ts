import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import plannerPlugin from '@agentic-devops/plugin-planner-backend';
import remediationModuleGitlab from '@agentic-devops/plugin-remediation-backend-module-gitlab';
import {
  eventsModuleGitlabWebhook,
  FakeGitlab,
} from '@agentic-devops/plugin-gitlab-node/testUtils';
import request from 'supertest';
import remediationPlugin, { plannerModuleRemediation } from '..';
import {
  capturedNotifications,
  entities,
  PLAYBOOKS_DIR,
} from '../__testUtils__/startTestAgent';

jest.setTimeout(60_000);

const PROJECT = 'payments/checkout';
const WEBHOOK_SECRET = 'a-webhook-secret-of-some-length';
const FINISHED = ['fixed', 'failed', 'not_fixable', 'gave_up', 'rejected'];

/**
 * GitLab, end to end, against a fake GitLab on 127.0.0.1: its pipeline
 * webhook arrives through the events backend's GitLab module (token
 * checked), the agent reads the job log through the API, pushes the fix
 * to a branch, opens one merge request, and watches the branch's pipeline
 * pass. GitLab delivers webhooks at least once; a second delivery of the
 * same hook changes nothing.
 */
describe('remediating a GitLab pipeline from its webhook', () => {
  let fake: FakeGitlab;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const notifications: any[] = [];

  beforeAll(async () => {
    fake = await FakeGitlab.start();
    fake.addProject({
      path: PROJECT,
      files: {
        'requirements.txt': 'fastapi==0.110.0\n',
        'app.py': 'import yaml\n',
        '.gitlab-ci.yml': 'test:\n  script: pytest\n',
      },
      protectedBranches: ['main'],
    });
    fake.finishNewPipelinesWith('success', { runningReads: 1 });

    backend = await startTestBackend({
      features: [
        eventsPlugin,
        eventsModuleGitlabWebhook,
        plannerPlugin,
        plannerModuleRemediation,
        remediationPlugin,
        remediationModuleGitlab,
        // One bus for all plugins (the test backend's mock has one per plugin).
        eventsServiceFactory,
        schedulerServiceFactory,
        capturedNotifications(notifications),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { gitlab: [fake.integrationConfig()] },
            events: {
              // In process: this test is about the agent, not the event bus.
              useEventBus: 'never',
              modules: { gitlab: { webhookSecret: WEBHOOK_SECRET } },
            },
            planner: {
              worker: { pollIntervalMs: 100, leaseSeconds: 30 },
              retry: { initialDelayMs: 50, maxDelayMs: 200 },
            },
            remediation: {
              playbooks: { directory: PLAYBOOKS_DIR },
              verify: { pollSeconds: 1 },
              local: { enabled: false },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await fake?.close();
  });

  const user = mockCredentials.user.header('user:default/alice');
  const deliver = (payload: unknown, token = WEBHOOK_SECRET) =>
    request(backend.server)
      .post('/api/events/http/gitlab')
      .set('x-gitlab-event', 'Pipeline Hook')
      .set('x-gitlab-token', token)
      .send(payload as object);

  /** The remediations of a job (of all jobs for 0). */
  async function remediationsOf(jobId: number) {
    const res = await request(backend.server)
      .get('/api/remediation/remediations')
      .query({ entityRef: 'component:default/checkout' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return (res.body.items as any[]).filter(
      r => !jobId || r.jobId === String(jobId),
    );
  }

  async function waitFor<T>(what: string, read: () => Promise<T | undefined>) {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        const all = await remediationsOf(0);
        throw new Error(
          `Timed out waiting for ${what}: ${JSON.stringify(all)}`,
        );
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }

  it('refuses a webhook without the secret and records nothing', async () => {
    const failed = fake.addFailedPipeline(PROJECT, {
      jobs: [
        {
          name: 'pytest',
          trace: "ModuleNotFoundError: No module named 'yaml'\n",
        },
      ],
    });
    const res = await deliver(
      fake.pipelineHookPayload(PROJECT, failed.pipelineId),
      'wrong-secret',
    );
    expect(res.status).toBe(403);
    await new Promise(r => setTimeout(r, 500));
    expect(await remediationsOf(failed.jobIds[0])).toEqual([]);
  });

  it('fixes the job through one branch and one merge request, however often the hook arrives', async () => {
    const failed = fake.addFailedPipeline(PROJECT, {
      jobs: [
        {
          name: 'pytest',
          trace: [
            '$ pytest',
            'ImportError while importing test module /builds/payments/checkout/tests/test_app.py.',
            'app.py:1: in <module>',
            '    import yaml',
            "E   ModuleNotFoundError: No module named 'yaml'",
            'ERROR: Job failed: exit code 2',
            '',
          ].join('\n'),
        },
        { name: 'lint', allowFailure: true, trace: 'E501 line too long\n' },
      ],
    });
    const [jobId] = failed.jobIds;
    const hook = fake.pipelineHookPayload(PROJECT, failed.pipelineId);

    expect((await deliver(hook)).status).toBe(202);
    expect((await deliver(hook)).status).toBe(202);

    const record = await waitFor('the remediation to finish', async () => {
      const [found] = await remediationsOf(jobId);
      return found && FINISHED.includes(found.status) ? found : undefined;
    });
    expect(record).toMatchObject({
      status: 'fixed',
      source: 'gitlab',
      project: PROJECT,
      jobName: 'pytest',
      entityRef: 'component:default/checkout',
      diagnosis: {
        category: 'missing_python_package',
        playbookId: 'pb-dep-001',
      },
    });
    // The job allowed to fail is not a remediation.
    expect(await remediationsOf(failed.jobIds[1])).toEqual([]);

    const project = fake.project(PROJECT);
    expect(project.mergeRequests).toHaveLength(1);
    const [mergeRequest] = project.mergeRequests;
    expect(mergeRequest).toMatchObject({
      sourceBranch: record.branch,
      targetBranch: 'main',
    });
    expect(record.mergeRequestUrl).toMatch(
      new RegExp(`/${PROJECT}/-/merge_requests/${mergeRequest.iid}$`),
    );
    expect(project.fileAt(record.branch, 'requirements.txt')).toMatch(
      /^PyYAML\b/m,
    );
    expect(project.fileAt('main', 'requirements.txt')).not.toMatch(/PyYAML/);

    // The pipeline re-ran on the fix branch, and passed.
    const rerun = project.pipelines.filter(p => p.ref === record.branch);
    expect(rerun.map(p => [String(p.id), p.status])).toEqual([
      [record.verifyPipelineId, 'success'],
    ]);

    // A third delivery, after the fact: still one remediation, one merge request.
    expect((await deliver(hook)).status).toBe(202);
    await new Promise(r => setTimeout(r, 1000));
    expect(await remediationsOf(jobId)).toHaveLength(1);
    expect(project.mergeRequests).toHaveLength(1);
    expect(
      fake.requestsTo('POST /projects/:id/repository/commits'),
    ).toHaveLength(1);

    expect(notifications).toContainEqual(
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/payments-team',
        },
      }),
    );
  });

  it('drops a payload that is not a pipeline event without harm', async () => {
    const before = await remediationsOf(0);
    const res = await deliver({ object_kind: 'pipeline', builds: 'nonsense' });
    expect(res.status).toBe(202);
    await new Promise(r => setTimeout(r, 500));
    expect(await remediationsOf(0)).toEqual(before);
  });
});
