import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  CHECK_WORKFLOW,
  startTestPolicyAgent,
  waitFor,
} from '../__testUtils__/startTestPolicyAgent';
import {
  POLICIES_DIR,
  cleanSettings,
  curlPipeDockerfile,
  settingsWithSecret,
} from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const alice = mockCredentials.user.header('user:default/alice');

describe('the policy.check task type', () => {
  let agent: Awaited<ReturnType<typeof startTestPolicyAgent>>;
  const dir = createMockDirectory({
    content: {
      'secret/app/settings.py': settingsWithSecret,
      'secret/Dockerfile': curlPipeDockerfile,
      'curl/Dockerfile': curlPipeDockerfile,
      'clean/app/settings.py': cleanSettings,
    },
  });

  beforeAll(async () => {
    agent = await startTestPolicyAgent();
  });
  afterAll(() => agent.backend.stop());

  /** Runs the one-task workflow to its end; its task as the Planner has it. */
  async function check(parameters: object, entityRef?: string) {
    const created = await request(agent.backend.server)
      .post('/api/planner/workflows')
      .set('Authorization', alice)
      .send({ definition: CHECK_WORKFLOW, parameters, entityRef });
    expect(created.status).toBe(201);
    const workflow = await waitFor(
      () =>
        request(agent.backend.server)
          .get(`/api/planner/workflows/${created.body.id}`)
          .set('Authorization', alice)
          .then(r => r.body),
      w => ['succeeded', 'failed', 'cancelled'].includes(w.status),
    );
    return { workflow, task: workflow.tasks[0] };
  }

  const scans = () =>
    request(agent.backend.server)
      .get('/api/policy/scans')
      .query({ trigger: 'workflow', limit: 50 })
      .set('Authorization', alice)
      .then(r => r.body);

  it("fails at once on findings at or above failOn, naming them, and records the scan for the workflow's entity", async () => {
    const { workflow, task } = await check(
      { path: dir.resolve('secret') },
      'component:default/checkout',
    );
    expect(workflow.status).toBe('failed');
    expect(task).toMatchObject({ status: 'failed', attempts: 1 });
    expect(task.lastError).toMatch(
      /1 policy finding at critical or above in .*secret \(scan [0-9a-f-]+\): critical hardcoded-secret at app\/settings.py:4/,
    );
    const { items } = await scans();
    expect(items[0]).toMatchObject({
      entityRef: 'component:default/checkout',
      trigger: 'workflow',
      target: dir.resolve('secret'),
      summary: { bySeverity: { critical: 1, high: 1 } },
    });
    expect(task.lastError).toContain(items[0].id);
  });

  it('passes below failOn, with the scan in its output', async () => {
    const passed = await check({ path: dir.resolve('curl') });
    expect(passed.workflow.status).toBe('succeeded');
    expect(passed.task.output).toEqual({
      scanId: expect.any(String),
      failOn: 'critical',
      findings: 1,
      bySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
      waived: 0,
      errors: 0,
    });
    const stricter = await check({ path: dir.resolve('curl'), failOn: 'high' });
    expect(stricter.task.lastError).toMatch(
      /1 policy finding at high or above .*: high docker-curl-pipe-shell at Dockerfile:1 \(Dockerfile\)/,
    );
    const clean = await check({ path: dir.resolve('clean'), failOn: 'low' });
    expect(clean.task).toMatchObject({
      status: 'succeeded',
      output: { findings: 0 },
    });
  });

  it('fails at once on a path that is not there or not absolute', async () => {
    const missing = await check({ path: dir.resolve('nowhere') });
    expect(missing.task).toMatchObject({ status: 'failed', attempts: 1 });
    expect(missing.task.lastError).toMatch(/nowhere does not exist/);
    const relative = await request(agent.backend.server)
      .post('/api/planner/workflows')
      .set('Authorization', alice)
      .send({ definition: CHECK_WORKFLOW, parameters: { path: 'src' } });
    // The Planner checks a task's params when it plans the workflow.
    expect(relative.ok).toBe(false);
    expect(relative.body.error.message).toMatch(/must be an absolute path/);
  });

  describe('with policy.check.roots', () => {
    let limited: Awaited<ReturnType<typeof startTestPolicyAgent>>;
    beforeAll(async () => {
      limited = await startTestPolicyAgent({
        config: {
          policy: {
            rules: { directory: POLICIES_DIR },
            check: { roots: [dir.resolve('clean')] },
          },
        },
      });
    });
    afterAll(() => limited.backend.stop());

    it('scans inside the roots and refuses anything else', async () => {
      const run = async (target: string) => {
        const created = await request(limited.backend.server)
          .post('/api/planner/workflows')
          .set('Authorization', alice)
          .send({ definition: CHECK_WORKFLOW, parameters: { path: target } });
        return waitFor(
          () =>
            request(limited.backend.server)
              .get(`/api/planner/workflows/${created.body.id}`)
              .set('Authorization', alice)
              .then(r => r.body.tasks?.[0]),
          t => ['succeeded', 'failed'].includes(t?.status),
        );
      };
      expect((await run(dir.resolve('clean/app'))).status).toBe('succeeded');
      const outside = await run(dir.resolve('secret'));
      expect(outside).toMatchObject({ status: 'failed', attempts: 1 });
      expect(outside.lastError).toMatch(
        /outside the folders policy.check may scan/,
      );
      const escaping = await run(`${dir.resolve('clean')}/../secret`);
      expect(escaping.status).toBe('failed');
    });
  });
});
