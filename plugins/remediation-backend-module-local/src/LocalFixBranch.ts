import { FixBranch } from '@agentic-devops/plugin-remediation-node';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { commitOf, fileAt, gitAs, gitIn, repositoryRelativePath } from './git';

/** Who the agent's commits are by. */
export const AGENT_AUTHOR = {
  name: 'Agentic DevOps',
  email: 'agentic@localhost',
};

export interface LocalFixBranchOptions {
  /** The user's repository (canonical path). */
  repository: string;
  branch: string;
  /** The commit a new branch starts from (the failed one). */
  startSha: string;
  /** The user's default branch, for readDefaultBranchFile. */
  defaultBranch?: string;
  /** A folder of the agent's own for the branch's clone (replaced). */
  workDirectory: string;
  setCiVariable(name: string, value: string): Promise<void>;
  retryJob(): Promise<void>;
}

/**
 * A fix branch of a local repository, worked on in a clone of its own (the
 * user's working copy is never touched). "Opening the merge request" pushes
 * the branch into the user's repository, with the title and description as
 * the branch's git description (`git branch --edit-description`).
 */
export class LocalFixBranch implements FixBranch {
  readonly branch: string;
  readonly #options: LocalFixBranchOptions;
  readonly #dir: string;

  static async open(options: LocalFixBranchOptions): Promise<LocalFixBranch> {
    const dir = options.workDirectory;
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(path.dirname(dir), { recursive: true });
    await gitIn(path.dirname(dir)).raw([
      'clone',
      '--quiet',
      '--shared',
      '--no-checkout',
      options.repository,
      dir,
    ]);
    // A later attempt continues the branch the earlier one pushed.
    const existing = await commitOf(
      options.repository,
      `refs/heads/${options.branch}`,
    );
    await gitIn(dir).raw([
      'checkout',
      '--quiet',
      '-B',
      options.branch,
      existing ?? options.startSha,
    ]);
    return new LocalFixBranch(options, dir);
  }

  private constructor(options: LocalFixBranchOptions, dir: string) {
    this.#options = options;
    this.#dir = dir;
    this.branch = options.branch;
  }

  /** The clone the branch is worked on in. */
  get directory() {
    return this.#dir;
  }

  async readFile(file: string): Promise<string | undefined> {
    try {
      return await fs.readFile(this.#path(file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return undefined;
      throw error;
    }
  }

  async writeFile(file: string, content: string): Promise<void> {
    const target = this.#path(file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
    await gitIn(this.#dir).raw(['add', '--', path.relative(this.#dir, target)]);
  }

  async readDefaultBranchFile(file: string): Promise<string | undefined> {
    const { defaultBranch, repository } = this.#options;
    if (!defaultBranch) return undefined;
    return fileAt(
      repository,
      `refs/heads/${defaultBranch}`,
      repositoryRelativePath(file),
    );
  }

  setCiVariable(name: string, value: string): Promise<void> {
    return this.#options.setCiVariable(name, value);
  }

  retryJob(): Promise<void> {
    return this.#options.retryJob();
  }

  async commitAndOpenMergeRequest(options: {
    commitMessage: string;
    title: string;
    description: string;
  }): Promise<{
    commitSha?: string;
    mergeRequestUrl?: string;
    changed: boolean;
  }> {
    const git = gitAs(this.#dir, AGENT_AUTHOR);
    const { repository, branch } = this.#options;
    const staged = await git.raw(['diff', '--cached', '--name-only']);
    const pushed = await commitOf(repository, `refs/heads/${branch}`);
    if (!staged) {
      return { commitSha: pushed, changed: false };
    }
    // The user's hooks and signing setup are theirs: the pipeline checks the fix.
    await git.raw([
      'commit',
      '--quiet',
      '--no-verify',
      '-m',
      options.commitMessage,
    ]);
    const commitSha = await git.raw(['rev-parse', 'HEAD']);
    try {
      // Not forced: commits someone added to the branch meanwhile are kept.
      await git.raw(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
    } catch (error) {
      throw new ConflictError(
        `Could not push ${branch} to ${repository}: ${
          (error as Error).message
        }`,
      );
    }
    await gitIn(repository).raw([
      'config',
      `branch.${branch}.description`,
      `${options.title}\n\n${options.description}`,
    ]);
    return { commitSha, changed: true };
  }

  /** A path inside the clone (not its .git); InputError otherwise. */
  #path(file: string) {
    const relative = repositoryRelativePath(file);
    try {
      return resolveSafeChildPath(this.#dir, relative);
    } catch {
      throw new InputError(`'${file}' is outside the repository`);
    }
  }
}
