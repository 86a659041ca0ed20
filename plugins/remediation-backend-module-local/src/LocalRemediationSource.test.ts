import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LocalPipelineRunner } from './LocalPipelineRunner';
import { LocalRemediationSource } from './LocalRemediationSource';
import { createMissingPythonPackageRepository } from './testUtils';

jest.setTimeout(60_000);

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@localhost', ...args],
    { cwd, encoding: 'utf8' },
  ).trim();

async function readAll(chunks: AsyncIterable<Buffer>) {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('LocalRemediationSource', () => {
  const mockDir = createMockDirectory();
  const dataDirectory = mockDir.resolve('data');
  const logger = mockServices.logger.mock();
  let runner: LocalPipelineRunner;
  let source: LocalRemediationSource;
  let repository: string;
  let initialSha: string;
  let firstRun: Awaited<ReturnType<typeof source.runRepositoryPipeline>>;
  let failedJob: FailedJob;

  beforeAll(async () => {
    ({ path: repository, commitSha: initialSha } =
      await createMissingPythonPackageRepository(mockDir.resolve('repos/app')));
    runner = new LocalPipelineRunner({ dataDirectory, logger });
    source = new LocalRemediationSource({
      runner,
      dataDirectory,
      repositoryRoots: [mockDir.resolve('repos')],
      logger,
    });
    firstRun = await source.runRepositoryPipeline(repository);
    failedJob = firstRun.failedJobs[0];
  });

  afterAll(() => source.close());

  it('reports the failed job of a repository pipeline and streams its log', async () => {
    expect(firstRun.pipeline).toEqual({
      id: expect.any(String),
      status: 'failed',
      ref: 'main',
    });
    expect(firstRun.failedJobs).toHaveLength(1);
    expect(failedJob).toEqual({
      source: 'local',
      project: repository,
      pipelineId: expect.stringMatching(/^\d+-[0-9a-f]{8}$/),
      jobId: `${failedJob.pipelineId}-1`,
      jobName: 'test',
      ref: 'main',
      commitSha: initialSha,
      failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const log = await readAll(await source.readJobLog(failedJob));
    expect(log).toContain("ModuleNotFoundError: No module named 'yaml'");

    await expect(
      source.readJobLog({ ...failedJob, project: '/somewhere/else' }),
    ).rejects.toThrow(/is not one of \/somewhere\/else/);
  });

  it('refuses repositories outside the allowed roots, and what is not a repository', async () => {
    const outside = await createMissingPythonPackageRepository(
      mockDir.resolve('elsewhere/app'),
    );
    await expect(
      source.runRepositoryPipeline(outside.path),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'outside the directories the agent may work in (remediation.local.repositoryRoots',
      ),
    });
    // Nor through a symlink inside a root.
    await fs.symlink(outside.path, mockDir.resolve('repos/link'));
    await expect(
      source.runRepositoryPipeline(mockDir.resolve('repos/link')),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      source.openFixBranch({ ...failedJob, project: outside.path }, 'fix/x'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    await fs.mkdir(mockDir.resolve('repos/plain'));
    await expect(
      source.runRepositoryPipeline(mockDir.resolve('repos/plain')),
    ).rejects.toThrow(/is not a git repository/);
    await expect(source.runRepositoryPipeline('repos/app')).rejects.toThrow(
      /absolute path/,
    );
  });

  it('refuses fix branches on the default branch', async () => {
    for (const branch of ['main', 'master']) {
      await expect(
        source.openFixBranch(failedJob, branch),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
    // The default branch is the one HEAD points at, whatever its name.
    git(repository, 'branch', 'trunk');
    git(repository, 'symbolic-ref', 'HEAD', 'refs/heads/trunk');
    try {
      await expect(
        source.openFixBranch({ ...failedJob, ref: 'feature' }, 'trunk'),
      ).rejects.toThrow(/never goes to trunk: it is a default branch/);
    } finally {
      git(repository, 'symbolic-ref', 'HEAD', 'refs/heads/main');
    }
    await expect(source.openFixBranch(failedJob, '--force')).rejects.toThrow(
      /not a valid branch name/,
    );
  });

  it("pushes the fix to its own branch of the user's repository, and that branch's pipeline goes green", async () => {
    const branch = 'remediation/add-pyyaml';
    const fix = await source.openFixBranch(failedJob, branch);
    expect(fix.branch).toBe(branch);
    const requirements = await fix.readFile('requirements.txt');
    expect(requirements).toBe(
      '# Runtime dependencies of the settings loader.\n',
    );
    await expect(fix.readFile('nope.txt')).resolves.toBeUndefined();
    await expect(fix.readFile('../../etc/passwd')).rejects.toThrow(
      /not a path inside the repository/,
    );
    await expect(fix.writeFile('.git/config', 'x')).rejects.toThrow(
      /not a path inside the repository/,
    );
    await fix.writeFile('requirements.txt', `${requirements}PyYAML\n`);

    const result = await fix.commitAndOpenMergeRequest({
      commitMessage: 'Add PyYAML to requirements.txt',
      title: 'Fix the test job: add PyYAML',
      description: '`import yaml` needs the PyYAML distribution.',
    });

    expect(result).toEqual({ commitSha: expect.any(String), changed: true });
    expect(git(repository, 'rev-parse', branch)).toBe(result.commitSha);
    expect(git(repository, 'rev-parse', 'main')).toBe(initialSha);
    expect(git(repository, 'status', '--porcelain')).toBe('');
    expect(
      git(
        repository,
        'log',
        '-1',
        '--format=%an <%ae>|%cn <%ce>|%s|%P',
        branch,
      ),
    ).toBe(
      `Agentic DevOps <agentic@localhost>|Agentic DevOps <agentic@localhost>|Add PyYAML to requirements.txt|${initialSha}`,
    );
    expect(git(repository, 'show', `${branch}:requirements.txt`)).toContain(
      'PyYAML',
    );
    expect(git(repository, 'config', `branch.${branch}.description`)).toBe(
      'Fix the test job: add PyYAML\n\n`import yaml` needs the PyYAML distribution.',
    );

    const run = await source.runPipeline(failedJob, branch);
    expect(run).toEqual({
      id: expect.any(String),
      status: 'running',
      ref: branch,
    });
    await runner.waitForPipeline(run.id);
    await expect(source.getPipeline(failedJob, run.id)).resolves.toEqual({
      id: run.id,
      status: 'success',
      ref: branch,
    });
  });

  it('continues the existing fix branch in a later attempt', async () => {
    const branch = 'remediation/add-pyyaml';
    const before = git(repository, 'rev-parse', branch);
    const fix = await source.openFixBranch(failedJob, branch);
    expect(await fix.readFile('requirements.txt')).toContain('PyYAML');
    expect(await fix.readDefaultBranchFile('requirements.txt')).not.toContain(
      'PyYAML',
    );

    // The same content again is no change.
    await fix.writeFile(
      'requirements.txt',
      (await fix.readFile('requirements.txt'))!,
    );
    await expect(
      fix.commitAndOpenMergeRequest({
        commitMessage: 'again',
        title: 't',
        description: 'd',
      }),
    ).resolves.toEqual({ commitSha: before, changed: false });

    await fix.writeFile('ci/notes.md', 'second attempt\n');
    const second = await fix.commitAndOpenMergeRequest({
      commitMessage: 'Second attempt',
      title: 't',
      description: 'd',
    });
    expect(second.changed).toBe(true);
    expect(git(repository, 'rev-parse', `${branch}^`)).toBe(before);
    expect(git(repository, 'rev-parse', 'main')).toBe(initialSha);
  });

  it('reads files of the failed commit or of another ref', async () => {
    await expect(
      source.readFile(failedJob, 'requirements.txt'),
    ).resolves.not.toContain('PyYAML');
    await expect(
      source.readFile(failedJob, 'requirements.txt', 'remediation/add-pyyaml'),
    ).resolves.toContain('PyYAML');
    await expect(
      source.readFile(failedJob, 'no/such/file'),
    ).resolves.toBeUndefined();
    await expect(
      source.readFile(failedJob, '../app/settings.py'),
    ).rejects.toThrow(/not a path inside the repository/);
  });

  it('keeps project variables out of the repository, passes them to jobs, and retries the failed pipeline', async () => {
    const repo = mockDir.resolve('repos/greeter');
    await fs.mkdir(repo);
    await fs.writeFile(
      path.join(repo, '.gitlab-ci.yml'),
      'greet:\n  script:\n    - echo "greeting=$GREETING"\n    - test "$GREETING" = "hello there"\n',
    );
    git(repo, 'init', '--quiet', '--initial-branch=main');
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'init');
    const { failedJobs } = await source.runRepositoryPipeline(repo);
    expect(failedJobs.map(j => j.jobName)).toEqual(['greet']);
    const [job] = failedJobs;

    await source.setCiVariable(job, 'GREETING', 'hello there');
    await expect(source.setCiVariable(job, 'NOT VALID', 'x')).rejects.toThrow(
      /not a valid CI\/CD variable name/,
    );

    const retry = await source.retryJob(job);
    expect(retry).toEqual({
      id: expect.any(String),
      status: 'running',
      ref: 'main',
    });
    // Running the failed ref again finds the retry already running.
    await expect(source.runPipeline(job, job.ref)).resolves.toEqual(retry);
    const retried = await runner.waitForPipeline(retry.id);
    expect(retried).toMatchObject({
      status: 'success',
      ref: 'main',
      commitSha: job.commitSha,
    });
    const log = await readAll(
      await source.readJobLog({
        ...job,
        pipelineId: retried.id,
        jobId: retried.jobs[0].id,
      }),
    );
    expect(log).toContain('greeting=hello there');

    expect(git(repo, 'status', '--porcelain', '--ignored')).toBe('');
    const [variablesFile] = await fs.readdir(
      path.join(dataDirectory, 'variables'),
    );
    const stat = await fs.stat(
      path.join(dataDirectory, 'variables', variablesFile),
    );
    expect(stat.mode & 0o777).toBe(0o600);
  });
});
