import { mockCredentials } from '@backstage/backend-test-utils';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import request from 'supertest';
import { startTestAgent } from './__testUtils__/startTestAgent';

jest.setTimeout(60_000);

const runner = `Running with gitlab-runner 17.5.0 (4d7093e1)
  on docker-runner-1 t3st1ng, system ID: s_0123456789ab
\u001b[0KPreparing the "docker" executor\u001b[0;m
section_start:1732528800:step_script\r\u001b[0KExecuting "step_script" stage of the job script
`;

const logs = {
  missingYaml: `${runner}$ pip install -r requirements.txt
Successfully installed fastapi-0.110.0
$ pytest -q
==================================== ERRORS ====================================
____________________ ERROR collecting tests/test_config.py _____________________
ImportError while importing test module '/builds/payments/checkout/tests/test_config.py'.
Hint: make sure your test modules/packages have valid Python names.
Traceback:
tests/test_config.py:3: in <module>
    import yaml
E   ModuleNotFoundError: No module named 'yaml'
=========================== short test summary info ============================
ERROR tests/test_config.py
!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!
1 error in 0.31s
ERROR: Job failed: exit code 2
`,
  network: `${runner}$ git clone https://gitlab.example.com/payments/shared.git vendor/shared
Cloning into 'vendor/shared'...
fatal: unable to access 'https://gitlab.example.com/payments/shared.git/': Failed to connect to gitlab.example.com port 443 after 130000 ms: Connection timed out
ERROR: Job failed: exit code 128
`,
  assertion: `${runner}$ pytest -q
DeprecationWarning: datetime.utcnow() is deprecated and scheduled for removal
F.
=================================== FAILURES ===================================
________________________________ test_total ____________________________________
    def test_total():
>       assert cart_total([10, 5]) == 16
E       assert 15 == 16
tests/test_cart.py:8: AssertionError
=========================== short test summary info ============================
FAILED tests/test_cart.py::test_total - assert 15 == 16
1 failed, 1 passed in 0.12s
ERROR: Job failed: exit code 1
`,
  missingEnv: `${runner}$ python -m app.migrate
Traceback (most recent call last):
  File "/builds/payments/checkout/app/settings.py", line 4, in <module>
    DATABASE_URL = os.environ["DATABASE_URL"]
  File "/usr/lib/python3.11/os.py", line 679, in __getitem__
    raise KeyError(key) from None
KeyError: 'DATABASE_URL'
ERROR: Job failed: exit code 1
`,
};

let nextJob = 1000;
function failedJob(overrides: Partial<FailedJob> = {}): FailedJob {
  nextJob += 1;
  return {
    source: 'gitlab',
    project: 'payments/checkout',
    pipelineId: String(nextJob * 10),
    jobId: String(nextJob),
    jobName: 'test',
    ref: 'main',
    commitSha: 'c0ffee',
    jobUrl: `https://gitlab.example.com/payments/checkout/-/jobs/${nextJob}`,
    ...overrides,
  };
}

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

const finished = [
  'fixed',
  'failed',
  'not_fixable',
  'gave_up',
  'rejected',
  'awaiting_approval',
];

describe('the Remediation agent on the Planner', () => {
  let agent: Awaited<ReturnType<typeof startTestAgent>>;
  const get = (id: string) =>
    request(agent.backend.server)
      .get(`/api/remediation/remediations/${id}`)
      .set('Authorization', alice)
      .then(r => r.body);
  const settle = (id: string) =>
    waitFor(
      () => get(id),
      r => finished.includes(r.status) && r.workflowIds?.length > 0,
    );
  const workflow = (id: string) =>
    request(agent.backend.server)
      .get(`/api/planner/workflows/${id}`)
      .set('Authorization', alice)
      .then(r => r.body);
  const settledWorkflow = (id: string) =>
    waitFor(
      () => workflow(id),
      w => ['succeeded', 'failed', 'cancelled'].includes(w.status),
    );

  beforeAll(async () => {
    agent = await startTestAgent();
    agent.source.branches
      .get('main')!
      .set('requirements.txt', 'fastapi==0.110.0\n')
      .set('.env.example', 'DATABASE_URL=postgresql://localhost:5432/app\n');
  });
  afterAll(() => agent.backend.stop());

  it('fixes a missing Python package with one merge request, however often the webhook arrives', async () => {
    const job = failedJob();
    agent.source.logs.set(job.jobId, logs.missingYaml);
    const results = await Promise.all([
      agent.source.intake!.receive(job),
      agent.source.intake!.receive(job),
    ]);
    const again = await agent.source.intake!.receive(job);
    const ids = new Set(
      [...results, again].map(r =>
        'remediationId' in r ? r.remediationId : r.ignored,
      ),
    );
    expect(ids.size).toBe(1);
    const [id] = [...ids];

    const remediation = await settle(id);
    expect(remediation).toMatchObject({
      status: 'fixed',
      entityRef: 'component:default/checkout',
      attempt: 1,
      diagnosis: {
        category: 'missing_python_package',
        playbookId: 'pb-dep-001',
        rootCause: "E   ModuleNotFoundError: No module named 'yaml'",
        riskLevel: 'medium',
        autoFixable: true,
      },
    });
    expect(remediation.branch).toMatch(
      /^agentic\/fix\/missing-python-package-/,
    );
    expect(remediation.mergeRequestUrl).toBe(agent.source.mergeRequests[0].url);
    expect(remediation.resolvedAt).toBeDefined();
    expect(remediation.workflowIds).toHaveLength(1);

    expect(agent.source.mergeRequests).toHaveLength(1);
    expect(agent.source.mergeRequests[0].description).toContain(
      "No module named 'yaml'",
    );
    expect(
      agent.source.branches.get(remediation.branch)!.get('requirements.txt'),
    ).toMatch(/^fastapi==0\.110\.0\nPyYAML\b/m);
    // Never on the default branch.
    expect(agent.source.branches.get('main')!.get('requirements.txt')).toBe(
      'fastapi==0.110.0\n',
    );
    const verified = agent.source.pipelines.get(remediation.verifyPipelineId);
    expect(verified?.ref).toBe(remediation.branch);

    const wf = await settledWorkflow(remediation.workflowIds[0]);
    expect(wf.status).toBe('succeeded');
    expect(wf.tasks.map((t: any) => [t.key, t.status])).toEqual([
      ['diagnose', 'succeeded'],
      ['decide', 'succeeded'],
      ['fix', 'succeeded'],
      ['verify', 'succeeded'],
      ['notify', 'succeeded'],
    ]);
    const notification = agent.notifications.find(
      n => n.payload.scope === `agentic-remediation:${id}`,
    );
    expect(notification).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/payments-team' },
      payload: {
        title: expect.stringContaining('Fixed missing python package'),
        link: '/catalog/default/component/checkout/agents',
      },
    });
    expect(notification.payload.description).toContain('line');
    expect(notification.payload.description).toContain(
      remediation.mergeRequestUrl,
    );
  });

  it('retries a transient network failure at once, without a branch', async () => {
    const job = failedJob({ jobName: 'build' });
    agent.source.logs.set(job.jobId, logs.network);
    const result = await agent.source.intake!.receive(job);
    const remediation = await settle((result as any).remediationId);
    expect(remediation).toMatchObject({
      status: 'fixed',
      diagnosis: { category: 'network_timeout', riskLevel: 'low' },
    });
    expect(remediation.branch).toBeUndefined();
    expect(agent.source.retriedJobs).toContain(job.jobId);
    expect(agent.source.pipelines.get(remediation.verifyPipelineId)?.ref).toBe(
      'main',
    );
  });

  it('explains a failing assertion and changes nothing', async () => {
    const job = failedJob();
    agent.source.logs.set(job.jobId, logs.assertion);
    const commits = agent.source.commits.length;
    const result = await agent.source.intake!.receive(job);
    const remediation = await settle((result as any).remediationId);
    expect(remediation).toMatchObject({
      status: 'not_fixable',
      diagnosis: {
        category: 'test_failure',
        autoFixable: false,
        rootCause: expect.stringContaining('assert 15 == 16'),
      },
    });
    expect(remediation.summary).toMatch(/does not auto-fix/);
    expect(agent.source.commits.length).toBe(commits);
    await waitFor(
      async () =>
        agent.notifications.filter(
          n => n.payload.scope === `agentic-remediation:${remediation.id}`,
        ).length,
      n => n > 0,
    );
  });

  it('waits for an owner to approve a high-risk fix, then applies it', async () => {
    const job = failedJob({ jobName: 'migrate' });
    agent.source.logs.set(job.jobId, logs.missingEnv);
    const result = await agent.source.intake!.receive(job);
    const id = (result as any).remediationId;
    const waiting = await settle(id);
    expect(waiting).toMatchObject({
      status: 'awaiting_approval',
      diagnosis: { category: 'missing_env_var', riskLevel: 'high' },
    });
    expect(agent.source.variables.has('DATABASE_URL')).toBe(false);

    const byBob = await request(agent.backend.server)
      .post(`/api/remediation/remediations/${id}/approve`)
      .set('Authorization', bob)
      .send({});
    expect(byBob.status).toBe(403);
    expect(byBob.body.error.message).toMatch(
      /owners of component:default\/checkout/,
    );

    const byAlice = await request(agent.backend.server)
      .post(`/api/remediation/remediations/${id}/approve`)
      .set('Authorization', alice)
      .send({ comment: 'the example value is fine for CI' });
    expect(byAlice.status).toBe(200);
    expect(byAlice.body).toMatchObject({
      status: 'fixing',
      approval: {
        decision: 'approved',
        by: 'user:default/alice',
        comment: 'the example value is fine for CI',
      },
    });
    const twice = await request(agent.backend.server)
      .post(`/api/remediation/remediations/${id}/approve`)
      .set('Authorization', alice)
      .send({});
    expect(twice.status).toBe(409);

    const fixed = await waitFor(
      () => get(id),
      r => ['fixed', 'failed'].includes(r.status),
    );
    expect(fixed.status).toBe('fixed');
    expect(fixed.workflowIds).toHaveLength(2);
    expect(agent.source.variables.get('DATABASE_URL')).toBe(
      'postgresql://localhost:5432/app',
    );
  });

  it('records a rejection and does nothing', async () => {
    const job = failedJob({ jobName: 'migrate', ref: 'release' });
    agent.source.logs.set(job.jobId, logs.missingEnv);
    const result = await agent.source.intake!.receive(job);
    const id = (result as any).remediationId;
    await settle(id);
    const response = await request(agent.backend.server)
      .post(`/api/remediation/remediations/${id}/reject`)
      .set('Authorization', alice)
      .send({ comment: 'needs a real secret' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'rejected',
      approval: { decision: 'rejected', comment: 'needs a real secret' },
    });
  });

  it('gives up after three attempts at the same failure', async () => {
    agent.source.outcome = ref => (ref === 'main' ? 'success' : 'failed');
    try {
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        const job = failedJob({ jobName: 'unit', ref: 'develop' });
        agent.source.logs.set(job.jobId, logs.missingYaml);
        const result = await agent.source.intake!.receive(job);
        statuses.push((await settle((result as any).remediationId)).status);
      }
      expect(statuses).toEqual(['failed', 'failed', 'failed', 'gave_up']);
      const branches = agent.source.mergeRequests.filter(m =>
        m.branch.includes('missing-python-package'),
      );
      // develop's fix has its own branch, and still just one merge request.
      expect(new Set(branches.map(b => b.branch)).size).toBe(2);
      expect(
        agent.source.comments.some(c => /failed with the fix/.test(c.body)),
      ).toBe(true);
    } finally {
      agent.source.outcome = () => 'success';
    }
  });

  it("ignores failures on the agent's own fix branches", async () => {
    const result = await agent.source.intake!.receive(
      failedJob({ ref: 'agentic/fix/missing-python-package-0123456789' }),
    );
    expect(result).toEqual({ ignored: expect.stringMatching(/fix branches/) });
  });
});
