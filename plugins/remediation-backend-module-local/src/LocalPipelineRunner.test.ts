import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LocalPipelineRunner } from './LocalPipelineRunner';
import { createMissingPythonPackageRepository } from './testUtils';

jest.setTimeout(60_000);

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@localhost', ...args],
    { cwd, encoding: 'utf8' },
  ).trim();

/** A repository with one commit of these files on `main`. */
async function createRepository(dir: string, files: Record<string, string>) {
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), content);
  }
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'init');
  return fs.realpath(dir);
}

describe('LocalPipelineRunner', () => {
  const mockDir = createMockDirectory();
  const dataDirectory = mockDir.resolve('data');
  let repository: string;
  let runner: LocalPipelineRunner;

  beforeAll(async () => {
    ({ path: repository } = await createMissingPythonPackageRepository(
      mockDir.resolve('repo'),
    ));
    runner = new LocalPipelineRunner({
      dataDirectory,
      logger: mockServices.logger.mock(),
      jobTimeoutSeconds: 60,
    });
  });

  afterAll(() => runner.close());

  it("fails the fixture's test job with the ModuleNotFoundError in its stored log, from the commit only", async () => {
    // An uncommitted fix in the working copy must not reach the pipeline.
    const requirements = path.join(repository, 'requirements.txt');
    const committed = await fs.readFile(requirements, 'utf8');
    await fs.writeFile(requirements, `${committed}PyYAML\n`);
    try {
      const started = await runner.runPipeline({ repository, ref: 'main' });
      expect(started).toMatchObject({
        status: 'running',
        ref: 'main',
        repository,
        commitSha: git(repository, 'rev-parse', 'HEAD'),
      });

      const pipeline = await runner.waitForPipeline(started.id);

      expect(pipeline.status).toBe('failed');
      expect(pipeline.jobs).toEqual([
        expect.objectContaining({
          id: `${pipeline.id}-1`,
          name: 'test',
          status: 'failed',
          failureReason: 'script_failure',
          exitCode: 1,
        }),
      ]);
      const { file } = await runner.jobLogFile(
        pipeline.id,
        pipeline.jobs[0].id,
      );
      expect(path.dirname(file)).toBe(
        path.join(dataDirectory, 'pipelines', pipeline.id),
      );
      const log = await fs.readFile(file, 'utf8');
      expect(log).toContain("ModuleNotFoundError: No module named 'yaml'");
      expect(log).toContain('$ python3 ci/offline_install.py');
      expect(log.trimEnd().split('\n').pop()).toBe(
        'ERROR: Job failed: exit status 1',
      );

      const stored = JSON.parse(
        await fs.readFile(
          path.join(path.dirname(file), 'pipeline.json'),
          'utf8',
        ),
      );
      expect(stored).toMatchObject({ id: pipeline.id, status: 'failed' });
      // The working copy is as the user left it; the checkout is gone.
      expect(git(repository, 'status', '--porcelain')).toBe(
        'M requirements.txt',
      );
      await expect(
        fs.readdir(path.join(dataDirectory, 'checkouts')),
      ).resolves.toEqual([]);
    } finally {
      await fs.writeFile(requirements, committed);
    }
  });

  it('runs a branch whose requirements list PyYAML green', async () => {
    const clone = mockDir.resolve('clone');
    git(mockDir.path, 'clone', '--quiet', repository, clone);
    await fs.appendFile(path.join(clone, 'requirements.txt'), 'PyYAML\n');
    git(clone, 'commit', '--quiet', '-am', 'Add PyYAML');
    git(clone, 'push', '--quiet', 'origin', 'HEAD:refs/heads/add-pyyaml');

    const started = await runner.runPipeline({
      repository,
      ref: 'add-pyyaml',
    });
    const pipeline = await runner.waitForPipeline(started.id);

    expect(pipeline).toMatchObject({
      status: 'success',
      ref: 'add-pyyaml',
      commitSha: git(clone, 'rev-parse', 'HEAD'),
    });
    expect(pipeline.jobs[0].status).toBe('success');
    const { file } = await runner.jobLogFile(pipeline.id, pipeline.jobs[0].id);
    const log = await fs.readFile(file, 'utf8');
    expect(log).toContain('Successfully installed PyYAML');
    expect(log).toContain('Ran 2 tests');
    expect(log.trimEnd().split('\n').pop()).toBe('Job succeeded');
  });

  it('stops a job that runs out of time, and goes on like GitLab', async () => {
    const repo = await createRepository(mockDir.resolve('slow'), {
      '.gitlab-ci.yml': [
        'stages: [test, report]',
        'slow:',
        '  stage: test',
        '  script: ["echo started", "sleep 61.25"]',
        'fast:',
        '  stage: test',
        '  timeout: 30s',
        '  script: ["echo fast"]',
        'publish:',
        '  stage: report',
        '  script: ["echo publish"]',
        'on-failure:',
        '  stage: report',
        '  when: on_failure',
        '  script: ["echo cleaning up"]',
        '',
      ].join('\n'),
    });
    const shortRunner = new LocalPipelineRunner({
      dataDirectory,
      logger: mockServices.logger.mock(),
      jobTimeoutSeconds: 2,
    });

    const t0 = Date.now();
    const { id } = await shortRunner.runPipeline({
      repository: repo,
      ref: 'main',
    });
    const pipeline = await shortRunner.waitForPipeline(id);

    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(pipeline.status).toBe('failed');
    expect(
      pipeline.jobs.map(j => [j.name, j.status, j.timeoutSeconds]),
    ).toEqual([
      ['slow', 'failed', 2],
      ['fast', 'success', 30],
      ['publish', 'skipped', 2],
      ['on-failure', 'success', 2],
    ]);
    expect(pipeline.jobs[0].failureReason).toBe('job_execution_timeout');
    const { file } = await shortRunner.jobLogFile(id, pipeline.jobs[0].id);
    const log = await fs.readFile(file, 'utf8');
    expect(log).toContain('started');
    expect(log).toContain(
      'ERROR: Job failed: execution took longer than 2s seconds',
    );
    // What the job started went with it.
    const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(ps).not.toContain('sleep 61.25');
  });

  it('refuses to run what has no pipeline or would fetch configuration', async () => {
    const bare = await createRepository(mockDir.resolve('no-ci'), {
      'README.md': '# no CI here\n',
    });
    await expect(
      runner.runPipeline({ repository: bare, ref: 'main' }),
    ).rejects.toThrow(/has no \.gitlab-ci\.yml at main \([0-9a-f]{8}\)/);
    await expect(
      runner.runPipeline({ repository: bare, ref: 'nope' }),
    ).rejects.toThrow(/has no branch, tag or commit 'nope'/);

    const remote = await createRepository(mockDir.resolve('remote-include'), {
      '.gitlab-ci.yml': 'include:\n  - local: ci/jobs.yml\n',
      'ci/jobs.yml':
        "include:\n  - remote: 'https://ci.example.com/templates/python.yml'\njob:\n  script: [echo hi]\n",
    });
    await expect(
      runner.runPipeline({ repository: remote, ref: 'main' }),
    ).rejects.toThrow(
      "does not fetch CI configuration from the network: .gitlab-ci.yml includes 'remote: https://ci.example.com/templates/python.yml' (included by ci/jobs.yml)",
    );

    const invalid = await createRepository(mockDir.resolve('invalid'), {
      '.gitlab-ci.yml': 'job:\n  stage: nowhere\n  script: [echo hi]\n',
    });
    await expect(
      runner.runPipeline({ repository: invalid, ref: 'main' }),
    ).rejects.toThrow(
      /gitlab-ci-local cannot run this \.gitlab-ci\.yml: .*nowhere/,
    );
  });

  it('reads a pipeline whose runner is gone as canceled, with the reason', async () => {
    const gone = spawnSync('true').pid!;
    const id = `${Date.now()}-0badc0de`;
    await fs.mkdir(path.join(dataDirectory, 'pipelines', id), {
      recursive: true,
    });
    await fs.writeFile(
      path.join(dataDirectory, 'pipelines', id, 'pipeline.json'),
      JSON.stringify({
        id,
        repository,
        ref: 'main',
        commitSha: 'f'.repeat(40),
        status: 'running',
        createdAt: new Date().toISOString(),
        jobs: [
          {
            id: `${id}-1`,
            name: 'test',
            stage: 'test',
            when: 'on_success',
            allowFailure: false,
            timeoutSeconds: 60,
            status: 'running',
          },
        ],
        runner: { pid: gone },
      }),
    );

    const checkout = path.join(dataDirectory, 'checkouts', id);
    await fs.mkdir(checkout, { recursive: true });

    const pipeline = await runner.getPipeline(id);

    await expect(fs.stat(checkout)).rejects.toThrow(/ENOENT/);
    expect(pipeline.status).toBe('canceled');
    expect(pipeline.reason).toMatch(
      /runner stopped before the pipeline finished/,
    );
    expect(pipeline.jobs[0].status).toBe('canceled');
    await expect(runner.waitForPipeline(id)).resolves.toMatchObject({
      status: 'canceled',
    });
    await expect(runner.getPipeline('../../etc')).rejects.toThrow(
      /No local pipeline/,
    );
  });
});
