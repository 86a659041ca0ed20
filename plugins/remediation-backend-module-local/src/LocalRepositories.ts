import { InputError, NotAllowedError } from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { headBranch, workTreeRoot } from './git';

/** Branches that fixes never go to, besides the one HEAD points at. */
const ALWAYS_PROTECTED = ['main', 'master'];

function isInside(root: string, candidate: string) {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) &&
      relative !== '..' &&
      !path.isAbsolute(relative))
  );
}

async function realPath(p: string) {
  try {
    return await fs.realpath(p);
  } catch {
    return undefined;
  }
}

/** The local git repositories the agent may work on: those under the allowed roots. */
export class LocalRepositories {
  readonly #roots: string[];

  /** The home directory, the temporary directory and the working directory. */
  static defaultRoots() {
    return [os.homedir(), os.tmpdir(), process.cwd()];
  }

  constructor(roots: string[] = LocalRepositories.defaultRoots()) {
    this.#roots = roots.map(r => path.resolve(r));
  }

  /**
   * The repository's canonical path (its top directory, symlinks resolved).
   * NotAllowedError outside the allowed roots; InputError when it is not a
   * git repository.
   */
  async resolve(candidate: string): Promise<string> {
    if (typeof candidate !== 'string' || !path.isAbsolute(candidate)) {
      throw new InputError(
        `A local repository is given by its absolute path, not '${candidate}'`,
      );
    }
    const real = await realPath(candidate);
    if (!real) throw new InputError(`${candidate} does not exist`);
    const root = await workTreeRoot(real);
    const repository = root && (await realPath(root));
    if (!repository) {
      throw new InputError(`${candidate} is not a git repository`);
    }
    const roots = (await Promise.all(this.#roots.map(realPath))).filter(
      (r): r is string => Boolean(r),
    );
    if (!roots.some(r => isInside(r, repository))) {
      throw new NotAllowedError(
        `${repository} is outside the directories the agent may work in (remediation.local.repositoryRoots: ${this.#roots.join(
          ', ',
        )})`,
      );
    }
    return repository;
  }

  /** The default branch: the one HEAD points at (undefined when detached). */
  defaultBranch(repository: string) {
    return headBranch(repository);
  }

  /** Branches a fix must not go to: the default branch, main and master. */
  async protectedBranches(repository: string): Promise<Set<string>> {
    const head = await this.defaultBranch(repository);
    return new Set([...ALWAYS_PROTECTED, ...(head ? [head] : [])]);
  }
}
