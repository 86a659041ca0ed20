import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import policyModuleGitlab from '@agentic-devops/plugin-policy-backend-module-gitlab';
import {
  eventsModuleGitlabWebhook,
  FakeGitlab,
  FakeGitlabProject,
} from '@agentic-devops/plugin-gitlab-node/testUtils';
import request from 'supertest';
import policyPlugin from '..';
import { waitFor } from '../__testUtils__/startTestPolicyAgent';
import {
  curlPipeDockerfile,
  entities,
  POLICIES_DIR,
  settingsWithSecret,
  userInfoFactory,
} from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const PROJECT = 'payments/checkout';
const BRANCH = 'feature/installer';
const WEBHOOK_SECRET = 'a-webhook-secret-of-some-length';
const MARKER = '<!-- agentic-policy -->';

/**
 * The merge request gate against a fake GitLab on 127.0.0.1: the webhook
 * arrives through the events backend's GitLab module, the changed files
 * are read through the API, and the agent keeps one note on the merge
 * request and sets a commit status that fails on a critical finding.
 */
describe('gating a GitLab merge request', () => {
  let fake: FakeGitlab;
  let project: FakeGitlabProject;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    fake = await FakeGitlab.start();
    project = fake.addProject({
      path: PROJECT,
      files: { 'README.md': '# Checkout\n' },
      protectedBranches: ['main'],
    });
    backend = await startTestBackend({
      features: [
        eventsPlugin,
        eventsModuleGitlabWebhook,
        policyPlugin,
        policyModuleGitlab,
        // One bus for all plugins (the test backend's mock has one per plugin).
        eventsServiceFactory,
        schedulerServiceFactory,
        userInfoFactory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.example.com' },
            integrations: { gitlab: [fake.integrationConfig()] },
            events: {
              useEventBus: 'never',
              modules: { gitlab: { webhookSecret: WEBHOOK_SECRET } },
            },
            policy: { rules: { directory: POLICIES_DIR } },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await fake?.close();
  });

  const deliver = (payload: unknown) =>
    request(backend.server)
      .post('/api/events/http/gitlab')
      .set('x-gitlab-event', 'Merge Request Hook')
      .set('x-gitlab-token', WEBHOOK_SECRET)
      .send(payload as object);

  const statusesOf = (sha: string) =>
    project.statuses.filter(s => s.sha === sha && s.name === 'agentic/policy');

  it('keeps one note, fails the status on a critical finding, and passes it once fixed', async () => {
    project.commit(
      BRANCH,
      {
        Dockerfile: curlPipeDockerfile,
        'config/settings.env': settingsWithSecret,
      },
      'Install the agent',
    );
    const mr = project.addMergeRequest({
      sourceBranch: BRANCH,
      title: 'Install the agent',
    });
    const firstHead = project.branches.get(BRANCH)!;
    const hook = fake.mergeRequestHookPayload(PROJECT, mr.iid);

    expect((await deliver(hook)).status).toBe(202);
    await waitFor(
      async () => statusesOf(firstHead).at(-1)?.status,
      status => status === 'failed',
    );
    // Redelivered: no second note, no second scan.
    expect((await deliver(hook)).status).toBe(202);

    const notes = () => mr.notes.filter(n => n.body.includes(MARKER));
    expect(notes()).toHaveLength(1);
    const [note] = notes();
    expect(note.body).toContain('hardcoded-secret');
    expect(note.body).toContain('docker-curl-pipe-shell');
    expect(note.body).toContain('config/settings.env');
    // The secret itself is never written to the merge request.
    expect(note.body).not.toMatch(/glpat-[A-Za-z0-9]{20}/);

    const user = mockCredentials.user.header('user:default/alice');
    const scans = await request(backend.server)
      .get('/api/policy/scans')
      .query({ entityRef: 'component:default/checkout' })
      .set('Authorization', user);
    expect(scans.body.items).toHaveLength(1);
    expect(scans.body.items[0]).toMatchObject({
      trigger: 'merge_request',
      target: PROJECT,
      commitSha: firstHead,
    });

    // The author removes the secret and the installer pipe; a push updates
    // the same note and passes the status.
    project.commit(
      BRANCH,
      {
        Dockerfile: 'FROM node:20.11-alpine\nUSER node\n',
        'config/settings.env': 'LOG_LEVEL=info\n',
      },
      'Read the token from CI variables',
    );
    const secondHead = project.branches.get(BRANCH)!;
    expect(
      (
        await deliver(
          fake.mergeRequestHookPayload(PROJECT, mr.iid, {
            action: 'update',
            oldrev: firstHead,
          }),
        )
      ).status,
    ).toBe(202);
    await waitFor(
      async () => statusesOf(secondHead).at(-1)?.status,
      status => status === 'success',
    );
    expect(notes()).toHaveLength(1);
    expect(notes()[0].id).toBe(note.id);
    expect(notes()[0].body).not.toContain('docker-curl-pipe-shell');
  });
});
