import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { createPublishLocalAction } from './publishLocal';

describe('agentic:publish:local', () => {
  const dir = createMockDirectory();
  const repositories = dir.resolve('repositories');
  const workspace = dir.resolve('workspace');
  const action = createPublishLocalAction({ directory: repositories });

  beforeEach(() => {
    dir.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Component\n',
        '.gitlab-ci.yml': 'stages: [test]\n',
        'src/main.py': 'print("hello")\n',
      },
    });
  });

  const run = (
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace,
        logger: mockServices.logger.mock(),
      }),
      ...extra,
    };
    return { ctx, done: action.handler(ctx as any) };
  };
  const outputs = (ctx: { output: unknown }) =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);

  it("commits the workspace to main of a new repository, as the template's user, and outputs file: URLs", async () => {
    const { ctx, done } = run(
      { name: 'orders-api' },
      {
        user: {
          ref: 'user:default/alice',
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'alice' },
            spec: {
              profile: { displayName: 'Alice Doe', email: 'alice@example.com' },
            },
          },
        },
      },
    );
    await done;
    const repoPath = path.join(repositories, 'orders-api');
    const out = outputs(ctx);
    expect(out).toEqual({
      repoPath,
      remoteUrl: `file://${repoPath}`,
      repoContentsUrl: `file://${repoPath}/`,
      catalogInfoUrl: `file://${repoPath}/catalog-info.yaml`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });

    const git = simpleGit({ baseDir: repoPath });
    const log = await git.log();
    expect(log.total).toBe(1);
    expect(log.latest).toMatchObject({
      hash: out.commitHash,
      message: 'Initial commit',
      author_name: 'Alice Doe',
      author_email: 'alice@example.com',
    });
    expect((await git.branchLocal()).current).toBe('main');
    expect((await git.raw(['ls-files'])).trim().split('\n').sort()).toEqual([
      '.gitlab-ci.yml',
      'catalog-info.yaml',
      'src/main.py',
    ]);
    expect((await git.status()).isClean()).toBe(true);
    // Nothing left beside it.
    expect(fs.readdirSync(repositories)).toEqual(['orders-api']);

    // A clone can push back: the checked-out files follow.
    const clone = dir.resolve('clone');
    await simpleGit().clone(out.remoteUrl, clone);
    fs.writeFileSync(path.join(clone, 'README.md'), '# Orders\n');
    const cloned = simpleGit({ baseDir: clone });
    await cloned.add('README.md');
    await cloned.commit('Add a README', undefined, {
      '--author': 'Bob <bob@example.com>',
    });
    await cloned.push('origin', 'main');
    expect(fs.readFileSync(path.join(repoPath, 'README.md'), 'utf8')).toBe(
      '# Orders\n',
    );
  });

  it("falls back to 'Agentic DevOps' as the author, and takes the branch, message and folder given", async () => {
    fs.mkdirSync(path.join(workspace, '.git'));
    fs.writeFileSync(path.join(workspace, '.git', 'HEAD'), 'junk');
    const { ctx, done } = run({
      name: 'payments',
      sourcePath: 'src',
      defaultBranch: 'trunk',
      gitCommitMessage: 'Generated',
    });
    await done;
    const git = simpleGit({ baseDir: path.join(repositories, 'payments') });
    expect((await git.log()).latest).toMatchObject({
      message: 'Generated',
      author_name: 'Agentic DevOps',
      author_email: 'agentic-devops@localhost',
    });
    expect((await git.branchLocal()).current).toBe('trunk');
    expect((await git.raw(['ls-files'])).trim()).toBe('main.py');
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      'catalog-info.yaml is not in the workspace: catalog:register will not find it',
    );
  });

  it('refuses a repository that exists and is not empty, writing nothing', async () => {
    const existing = path.join(repositories, 'orders-api');
    fs.mkdirSync(existing, { recursive: true });
    fs.writeFileSync(path.join(existing, 'keep.txt'), 'mine');
    const { ctx, done } = run({ name: 'orders-api' });
    await expect(done).rejects.toThrow(
      `A repository named 'orders-api' already exists at ${existing}; nothing was written`,
    );
    expect(fs.readdirSync(repositories)).toEqual(['orders-api']);
    expect(fs.readdirSync(existing)).toEqual(['keep.txt']);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('uses an empty folder of that name', async () => {
    fs.mkdirSync(path.join(repositories, 'orders-api'), { recursive: true });
    await run({ name: 'orders-api' }).done;
    expect(
      fs.existsSync(path.join(repositories, 'orders-api', 'catalog-info.yaml')),
    ).toBe(true);
  });

  it('refuses names and folders that would leave their place, and an empty workspace', async () => {
    await expect(run({ name: '../escape' }).done).rejects.toThrow(
      "'../escape' is not a repository name",
    );
    await expect(
      run({ name: 'orders-api', sourcePath: '../..' }).done,
    ).rejects.toThrow("sourcePath '../..' is outside the workspace");
    dir.setContent({ workspace: {} });
    await expect(run({ name: 'orders-api' }).done).rejects.toThrow(
      'Nothing to publish: the workspace is empty or missing',
    );
    expect(fs.existsSync(repositories)).toBe(false);
  });

  it('writes nothing in a dry run, but outputs where it would', async () => {
    const { ctx, done } = run({ name: 'orders-api' }, { isDryRun: true });
    await done;
    expect(outputs(ctx).catalogInfoUrl).toBe(
      `file://${repositories}/orders-api/catalog-info.yaml`,
    );
    expect(fs.existsSync(repositories)).toBe(false);
  });

  it('refuses to publish where local publishing is turned off, writing nothing', async () => {
    const off = createPublishLocalAction({ directory: undefined });
    const ctx = createMockActionContext({
      input: { name: 'orders-api' } as any,
      workspacePath: workspace,
      logger: mockServices.logger.mock(),
    });
    await expect(off.handler(ctx as any)).rejects.toThrow(
      'Cannot publish: publishing to a local repository is turned off in this portal (scaffolder.localPublish.enabled: false); publish to GitLab',
    );
    expect(fs.existsSync(repositories)).toBe(false);
  });
});
