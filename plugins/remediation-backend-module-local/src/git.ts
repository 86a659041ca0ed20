import { InputError } from '@backstage/errors';
import path from 'node:path';
import { simpleGit, SimpleGit } from 'simple-git';

/** git in a directory (output trimmed). */
export function gitIn(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, trimmed: true });
}

/**
 * git that commits as this identity, without signing. (simple-git drops the
 * ambient GIT_* environment, so GIT_AUTHOR_NAME and the like do not apply.)
 */
export function gitAs(
  dir: string,
  identity: { name: string; email: string },
): SimpleGit {
  return simpleGit({
    baseDir: dir,
    trimmed: true,
    config: [
      `user.name=${identity.name}`,
      `user.email=${identity.email}`,
      'commit.gpgsign=false',
    ],
  });
}

/** The top directory of the git work tree `dir` is in; undefined when none. */
export async function workTreeRoot(dir: string): Promise<string | undefined> {
  try {
    return await gitIn(dir).raw(['rev-parse', '--show-toplevel']);
  } catch {
    return undefined;
  }
}

/** The branch HEAD points at; undefined when HEAD is detached. */
export async function headBranch(repository: string) {
  try {
    return (
      (await gitIn(repository).raw([
        'symbolic-ref',
        '--quiet',
        '--short',
        'HEAD',
      ])) || undefined
    );
  } catch {
    return undefined;
  }
}

/** A full ref's commit; undefined when there is no such ref. */
export async function commitOf(repository: string, ref: string) {
  try {
    return (
      (await gitIn(repository).raw([
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${ref}^{commit}`,
      ])) || undefined
    );
  } catch {
    return undefined;
  }
}

export interface ResolvedRef {
  sha: string;
  /** The ref is a branch (tags and bare commits are checked out detached). */
  isBranch: boolean;
}

/**
 * A branch, tag or commit of the repository (at `commitSha` when given);
 * InputError when there is none. A branch name stays a branch even at an
 * older commit (a retry) or once deleted; tags and commits run detached.
 */
export async function resolveRef(
  repository: string,
  ref: string,
  commitSha?: string,
): Promise<ResolvedRef> {
  const branch = await commitOf(repository, `refs/heads/${ref}`);
  const tag = branch
    ? undefined
    : await commitOf(repository, `refs/tags/${ref}`);
  const commit =
    branch || tag || !/^[0-9a-f]{7,40}$/i.test(ref)
      ? undefined
      : await commitOf(repository, ref);
  const sha = commitSha
    ? await commitOf(repository, commitSha)
    : branch ?? tag ?? commit;
  if (!sha) {
    throw new InputError(
      commitSha
        ? `${repository} has no commit ${commitSha}`
        : `${repository} has no branch, tag or commit '${ref}'`,
    );
  }
  return { sha, isBranch: !tag && !commit };
}

/** A file's content at a commit; undefined when it has none. */
export async function fileAt(repository: string, commit: string, file: string) {
  try {
    return await simpleGit({ baseDir: repository }).raw([
      'show',
      `${commit}:${file}`,
    ]);
  } catch {
    return undefined;
  }
}

/** Whether a commit has a file. */
export async function hasFileAt(
  repository: string,
  commit: string,
  file: string,
): Promise<boolean> {
  try {
    await gitIn(repository).raw(['cat-file', '-e', `${commit}:${file}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path relative to a repository's top directory, `/`-separated; InputError
 * for absolute paths, paths that leave the repository and paths into `.git`.
 */
export function repositoryRelativePath(file: string): string {
  const normal =
    typeof file === 'string' && file && !path.isAbsolute(file)
      ? path.posix.normalize(file.replace(/\\/g, '/'))
      : undefined;
  if (
    !normal ||
    normal === '.' ||
    normal === '..' ||
    normal.startsWith('../') ||
    normal === '.git' ||
    normal.startsWith('.git/')
  ) {
    throw new InputError(`'${file}' is not a path inside the repository`);
  }
  return normal;
}
