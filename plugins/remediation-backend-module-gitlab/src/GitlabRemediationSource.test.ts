import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { mockServices } from '@backstage/backend-test-utils';
import { GitlabRemediationSource } from './GitlabRemediationSource';
import { parsePipelineEvent } from './parsePipelineEvent';
import { FakeGitlab } from '@agentic-devops/plugin-gitlab-node/testUtils';

const PROJECT = 'platform/payments-api';
const BRANCH = 'remediation/missing-python-package';

describe('GitlabRemediationSource', () => {
  let fake: FakeGitlab;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let source: GitlabRemediationSource;
  let failed: { pipelineId: number; jobIds: number[]; sha: string };
  let job: FailedJob;

  beforeEach(async () => {
    fake = await FakeGitlab.start();
    fake.addProject({
      path: PROJECT,
      defaultBranch: 'main',
      files: {
        'requirements.txt': 'requests==2.31.0\n',
        '.gitlab-ci.yml': 'test:\n  script: pytest\n',
      },
      protectedBranches: ['main', 'release/*'],
    });
    failed = fake.addFailedPipeline(PROJECT, {
      ref: 'main',
      jobs: [
        {
          name: 'pytest',
          trace: "ModuleNotFoundError: No module named 'yaml'\n",
        },
        { name: 'lint', allowFailure: true, trace: 'E501 line too long\n' },
      ],
    });
    // GitLab moves on after the failure: the fix must start from the failed commit.
    fake.project(PROJECT).commit('main', { 'README.md': '# Payments\n' });

    const parsed = parsePipelineEvent(
      fake.pipelineHookPayload(PROJECT, failed.pipelineId),
    );
    if (!('jobs' in parsed)) throw new Error(parsed.error);
    [job] = parsed.jobs;

    logger = mockServices.logger.mock();
    source = new GitlabRemediationSource({
      connections: [fake.integrationConfig()],
      events: mockServices.events(),
      logger,
      pushPipelineWait: { attempts: 2, intervalMs: 10 },
    });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('takes the failed job from the webhook GitLab sends', () => {
    expect(job).toEqual({
      source: 'gitlab',
      project: PROJECT,
      pipelineId: String(failed.pipelineId),
      jobId: String(failed.jobIds[0]),
      jobName: 'pytest',
      ref: 'main',
      commitSha: failed.sha,
      jobUrl: `${fake.url}/${PROJECT}/-/jobs/${failed.jobIds[0]}`,
      pipelineUrl: `${fake.url}/${PROJECT}/-/pipelines/${failed.pipelineId}`,
      failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  describe('readJobLog', () => {
    it('streams a large trace in chunks, with the token', async () => {
      const line = 'Collecting numpy==1.26.4 (from -r requirements.txt)\n';
      const trace = Buffer.from(
        line.repeat(Math.ceil((6 << 20) / line.length)),
      );
      const { jobIds } = fake.addFailedPipeline(PROJECT, {
        jobs: [{ name: 'build', trace }],
      });

      const chunks: Buffer[] = [];
      for await (const chunk of await source.readJobLog({
        ...job,
        jobId: String(jobIds[0]),
      })) {
        expect(Buffer.isBuffer(chunk)).toBe(true);
        chunks.push(chunk);
      }

      expect(chunks.length).toBeGreaterThan(1);
      expect(Buffer.concat(chunks).equals(trace)).toBe(true);
      const [request] = fake.requestsTo('GET /projects/:id/jobs/:job_id/trace');
      expect(request).toMatchObject({
        authorized: true,
        path: `/projects/${PROJECT}/jobs/${jobIds[0]}/trace`,
      });
    });

    it('stops when aborted', async () => {
      const { jobIds } = fake.addFailedPipeline(PROJECT, {
        jobs: [{ name: 'build', trace: Buffer.alloc(8 << 20, 'x') }],
      });
      const controller = new AbortController();
      const log = await source.readJobLog(
        { ...job, jobId: String(jobIds[0]) },
        controller.signal,
      );
      let read = 0;
      await expect(async () => {
        for await (const chunk of log) {
          read += chunk.length;
          controller.abort();
        }
      }).rejects.toThrow();
      expect(read).toBeLessThan(8 << 20);
    });

    it('says which call failed and why', async () => {
      await expect(
        source.readJobLog({ ...job, jobId: '999999' }),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringContaining(
          'GET /projects/:id/jobs/:job_id/trace',
        ),
      });

      const wrongToken = new GitlabRemediationSource({
        connections: [{ ...fake.integrationConfig(), token: 'revoked' }],
        events: mockServices.events(),
        logger,
      });
      await expect(wrongToken.readJobLog(job)).rejects.toMatchObject({
        name: 'AuthenticationError',
      });
    });
  });

  describe('openFixBranch', () => {
    it('creates the branch from the failed commit, then reuses it', async () => {
      const project = fake.project(PROJECT);
      expect(project.branches.get('main')).not.toBe(failed.sha);

      const branch = await source.openFixBranch(job, BRANCH);
      expect(branch.branch).toBe(BRANCH);
      expect(project.branches.get(BRANCH)).toBe(failed.sha);
      expect(fake.requestsTo('POST /projects/:id/repository/branches')).toEqual(
        [
          expect.objectContaining({
            body: { branch: BRANCH, ref: failed.sha },
          }),
        ],
      );

      await source.openFixBranch(job, BRANCH);
      expect(
        fake.requestsTo('POST /projects/:id/repository/branches'),
      ).toHaveLength(1);
    });

    it('creates it from the ref when the commit is not known', async () => {
      await source.openFixBranch({ ...job, commitSha: undefined }, BRANCH);
      const project = fake.project(PROJECT);
      expect(project.branches.get(BRANCH)).toBe(project.branches.get('main'));
    });

    it.each([
      ['main', /default branch/],
      ['release/2024.06', /protected/],
      ['release/2024/hotfix', /protected/],
    ])('refuses %s', async (name, reason) => {
      await expect(source.openFixBranch(job, name)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(reason),
      });
      expect(
        fake.requestsTo('POST /projects/:id/repository/branches'),
      ).toHaveLength(0);
    });

    it('refuses the branch that failed', async () => {
      const feature = { ...job, ref: 'feature/checkout' };
      await expect(
        source.openFixBranch(feature, 'feature/checkout'),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    });
  });

  describe('the fix branch', () => {
    it('reads the branch, with staged changes, and the default branch', async () => {
      fake.project(PROJECT).commit('main', { 'requirements.txt': 'new\n' });
      const branch = await source.openFixBranch(job, BRANCH);

      expect(await branch.readFile('requirements.txt')).toBe(
        'requests==2.31.0\n',
      );
      expect(await branch.readFile('nope.txt')).toBeUndefined();
      expect(await branch.readDefaultBranchFile('requirements.txt')).toBe(
        'new\n',
      );
      expect(await branch.readDefaultBranchFile('nope.txt')).toBeUndefined();

      await branch.writeFile('requirements.txt', 'requests==2.31.0\nPyYAML\n');
      expect(await branch.readFile('requirements.txt')).toBe(
        'requests==2.31.0\nPyYAML\n',
      );
      // Staged, not pushed.
      expect(fake.requestsTo('POST /projects/:id/repository/commits')).toEqual(
        [],
      );
    });

    it('commits once and opens one merge request, however often it is called', async () => {
      const mr = {
        commitMessage: 'Add PyYAML to requirements.txt',
        title: 'Fix: add PyYAML',
        description: 'The job failed: No module named yaml.',
      };
      const first = await source.openFixBranch(job, BRANCH);
      await first.writeFile('requirements.txt', 'requests==2.31.0\nPyYAML\n');
      await first.writeFile('constraints.txt', 'PyYAML<7\n');
      const opened = await first.commitAndOpenMergeRequest(mr);

      const project = fake.project(PROJECT);
      expect(opened).toEqual({
        changed: true,
        commitSha: project.branches.get(BRANCH),
        mergeRequestUrl: `${fake.url}/${PROJECT}/-/merge_requests/1`,
      });
      expect(
        fake.requestsTo('POST /projects/:id/repository/commits')[0].body,
      ).toMatchObject({
        branch: BRANCH,
        commit_message: mr.commitMessage,
        actions: [
          { action: 'update', file_path: 'requirements.txt' },
          { action: 'create', file_path: 'constraints.txt' },
        ],
      });
      expect(project.fileAt(BRANCH, 'constraints.txt')).toBe('PyYAML<7\n');
      expect(project.mergeRequests).toEqual([
        expect.objectContaining({
          sourceBranch: BRANCH,
          targetBranch: 'main',
          title: mr.title,
          description: mr.description,
          removeSourceBranch: true,
          state: 'opened',
        }),
      ]);

      // A later attempt (or a second replica) does the same fix again.
      const again = await source.openFixBranch(job, BRANCH);
      await again.writeFile('requirements.txt', 'requests==2.31.0\nPyYAML\n');
      expect(await again.commitAndOpenMergeRequest(mr)).toEqual({
        changed: false,
        commitSha: undefined,
        mergeRequestUrl: opened.mergeRequestUrl,
      });
      expect(await first.commitAndOpenMergeRequest(mr)).toMatchObject({
        changed: false,
        mergeRequestUrl: opened.mergeRequestUrl,
      });
      expect(
        fake.requestsTo('POST /projects/:id/repository/commits'),
      ).toHaveLength(1);
      expect(fake.requestsTo('POST /projects/:id/merge_requests')).toHaveLength(
        1,
      );
    });

    it('neither commits nor opens a merge request when nothing changed', async () => {
      const branch = await source.openFixBranch(job, BRANCH);
      await branch.writeFile('requirements.txt', 'requests==2.31.0\n');
      expect(
        await branch.commitAndOpenMergeRequest({
          commitMessage: 'm',
          title: 't',
          description: 'd',
        }),
      ).toEqual({ changed: false });
      expect(
        fake.requestsTo('POST /projects/:id/repository/commits'),
      ).toHaveLength(0);
      expect(fake.project(PROJECT).mergeRequests).toHaveLength(0);
    });

    it('opens the merge request an earlier attempt committed but did not open', async () => {
      await source.openFixBranch(job, BRANCH);
      fake.project(PROJECT).commit(BRANCH, { 'requirements.txt': 'PyYAML\n' });

      const branch = await source.openFixBranch(job, BRANCH);
      await branch.writeFile('requirements.txt', 'PyYAML\n');
      const result = await branch.commitAndOpenMergeRequest({
        commitMessage: 'm',
        title: 't',
        description: 'd',
      });
      expect(result).toEqual({
        changed: false,
        commitSha: undefined,
        mergeRequestUrl: `${fake.url}/${PROJECT}/-/merge_requests/1`,
      });
    });

    it('sets CI/CD variables, creating or updating, without logging values', async () => {
      const branch = await source.openFixBranch(job, BRANCH);
      await branch.setCiVariable('DATABASE_URL', 'postgres://db/one');
      await source.setCiVariable(job, 'DATABASE_URL', 'postgres://db/two');
      await source.setCiVariable(job, 'API_TOKEN', 'glpat-abcdefghijklmnop');

      const { variables } = fake.project(PROJECT);
      expect(variables.get('DATABASE_URL')).toMatchObject({
        value: 'postgres://db/two',
        protected: false,
        environmentScope: '*',
      });
      expect(variables.get('API_TOKEN')).toMatchObject({ masked: true });
      expect(fake.requestsTo('POST /projects/:id/variables')).toHaveLength(2);
      expect(fake.requestsTo('PUT /projects/:id/variables/:key')).toHaveLength(
        1,
      );

      const logged = JSON.stringify(
        [logger.info, logger.warn, logger.error, logger.debug].flatMap(
          fn => (fn as jest.Mock).mock.calls,
        ),
      );
      expect(logged).toContain('DATABASE_URL');
      expect(logged).not.toContain('postgres://');
      expect(logged).not.toContain('glpat-');
    });

    it('retries the failed job', async () => {
      const branch = await source.openFixBranch(job, BRANCH);
      await branch.retryJob();
      const project = fake.project(PROJECT);
      const retried = project.jobs.get(failed.jobIds[0])!;
      expect(retried.retried).toBe(true);
      expect(
        fake.requestsTo('POST /projects/:id/jobs/:job_id/retry')[0].params,
      ).toMatchObject({ job_id: job.jobId });
    });
  });

  it('reads a file at the failed commit, or at another ref', async () => {
    fake.project(PROJECT).commit('main', { 'requirements.txt': 'moved on\n' });
    expect(await source.readFile(job, 'requirements.txt')).toBe(
      'requests==2.31.0\n',
    );
    expect(await source.readFile(job, 'requirements.txt', 'main')).toBe(
      'moved on\n',
    );
    expect(await source.readFile(job, 'missing.txt')).toBeUndefined();
  });

  it('retries the failed job and reports its pipeline running again', async () => {
    const run = await source.retryJob(job);
    expect(run).toEqual({
      id: String(failed.pipelineId),
      status: 'running',
      ref: 'main',
      url: `${fake.url}/${PROJECT}/-/pipelines/${failed.pipelineId}`,
    });
    const project = fake.project(PROJECT);
    const jobs = project.jobsOf(project.pipelines[0]).map(j => j.name);
    expect(jobs.sort()).toEqual(['lint', 'pytest']);
  });

  describe('pipelines', () => {
    it('retries the failed pipeline for the failed ref', async () => {
      fake.finishNewPipelinesWith('success', { runningReads: 1 });
      const run = await source.runPipeline(job, 'main');
      expect(run).toMatchObject({
        id: String(failed.pipelineId),
        status: 'running',
        ref: 'main',
      });
      expect(
        fake.requestsTo('POST /projects/:id/pipelines/:pipeline_id/retry'),
      ).toHaveLength(1);
      expect(fake.requestsTo('POST /projects/:id/pipeline')).toHaveLength(0);

      expect((await source.getPipeline(job, run.id)).status).toBe('running');
      expect((await source.getPipeline(job, run.id)).status).toBe('success');
    });

    it('finds the pipeline GitLab started on the push to a fix branch', async () => {
      const branch = await source.openFixBranch(job, BRANCH);
      await branch.writeFile('requirements.txt', 'PyYAML\n');
      const { commitSha } = await branch.commitAndOpenMergeRequest({
        commitMessage: 'm',
        title: 't',
        description: 'd',
      });

      const run = await source.runPipeline(job, BRANCH);
      const project = fake.project(PROJECT);
      const pushed = project.pipelines.find(p => p.sha === commitSha)!;
      expect(run).toEqual({
        id: String(pushed.id),
        status: 'running',
        ref: BRANCH,
        url: `${fake.url}/${PROJECT}/-/pipelines/${pushed.id}`,
      });
      expect(fake.requestsTo('POST /projects/:id/pipeline')).toHaveLength(0);
    });

    it('starts a pipeline for a fix branch when GitLab did not', async () => {
      fake.project(PROJECT).pipelinesOnPush = false;
      const branch = await source.openFixBranch(job, BRANCH);
      await branch.writeFile('requirements.txt', 'PyYAML\n');
      await branch.commitAndOpenMergeRequest({
        commitMessage: 'm',
        title: 't',
        description: 'd',
      });

      const run = await source.runPipeline(job, BRANCH);
      expect(run).toMatchObject({ status: 'running', ref: BRANCH });
      expect(fake.requestsTo('GET /projects/:id/pipelines')).toHaveLength(2);
      expect(fake.requestsTo('POST /projects/:id/pipeline')).toEqual([
        expect.objectContaining({ body: { ref: BRANCH } }),
      ]);
    });

    it.each([
      ['created', 'pending'],
      ['waiting_for_resource', 'pending'],
      ['preparing', 'pending'],
      ['scheduled', 'pending'],
      ['manual', 'pending'],
      ['running', 'running'],
      ['success', 'success'],
      ['failed', 'failed'],
      ['canceling', 'canceled'],
      ['canceled', 'canceled'],
      ['skipped', 'skipped'],
    ])('reports GitLab status %s as %s', async (gitlab, ours) => {
      fake.setPipelineStatus(failed.pipelineId, gitlab);
      expect(
        (await source.getPipeline(job, String(failed.pipelineId))).status,
      ).toBe(ours);
    });

    it('refuses an id that is not one', async () => {
      await expect(source.getPipeline(job, '12; DROP')).rejects.toMatchObject({
        name: 'InputError',
      });
    });
  });

  describe('commentOnMergeRequest', () => {
    it('adds a note to the open merge request of the branch', async () => {
      const branch = await source.openFixBranch(job, BRANCH);
      await branch.writeFile('requirements.txt', 'PyYAML\n');
      await branch.commitAndOpenMergeRequest({
        commitMessage: 'm',
        title: 't',
        description: 'd',
      });

      await source.commentOnMergeRequest(job, BRANCH, 'Pipeline is green.');
      const [mr] = fake.project(PROJECT).mergeRequests;
      expect(mr.notes.map(n => n.body)).toEqual(['Pipeline is green.']);
    });

    it('does nothing when the branch has no merge request', async () => {
      await source.commentOnMergeRequest(job, 'nothing-here', 'Hello');
      expect(
        fake.requestsTo(
          'POST /projects/:id/merge_requests/:merge_request_iid/notes',
        ),
      ).toHaveLength(0);
    });
  });

  it('talks to the GitLab the job came from', async () => {
    const elsewhere = {
      host: 'gitlab.other.example',
      apiBaseUrl: 'http://127.0.0.1:9/api/v4',
      token: 'other',
    };
    const twoGitlabs = new GitlabRemediationSource({
      connections: [elsewhere, fake.integrationConfig()],
      events: mockServices.events(),
      logger,
    });
    expect(await twoGitlabs.readFile(job, 'requirements.txt')).toBe(
      'requests==2.31.0\n',
    );
    // Without URLs: the first integration, which is not reachable here.
    await expect(
      twoGitlabs.readFile(
        { ...job, jobUrl: undefined, pipelineUrl: undefined },
        'requirements.txt',
      ),
    ).rejects.toThrow(/could not be reached/);
  });
});
