import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  callGitlab,
  describeCall,
  findInGitlab,
} from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';
import { isProtectedBranch } from './isProtectedBranch';

function refuse(job: FailedJob, branch: string, why: string): never {
  throw new NotAllowedError(
    `Refusing to put a fix on ${branch} of ${job.project}: it is ${why}. Fixes only ever go through a merge request from a branch of their own`,
  );
}

export interface PreparedFixBranch {
  /** The project's default branch: the merge request's target. */
  defaultBranch: string;
  created: boolean;
  /**
   * The commit the branch started from, when known: a head past it means
   * the branch already carries a fix (from an earlier attempt).
   */
  baseSha?: string;
}

/**
 * Makes sure the fix branch exists, from the failed commit, and is not one
 * the fix must not touch (the default branch, any protected one, or the
 * failed ref itself). An existing branch is reused, so running the same
 * fix twice lands on the same branch.
 */
export async function prepareFixBranch(
  api: GitlabClient,
  job: FailedJob,
  branch: string,
): Promise<PreparedFixBranch> {
  const { project } = job;
  if (!branch.trim()) {
    throw new InputError('A fix branch needs a name');
  }
  const details = await callGitlab(
    describeCall('GET /projects/:id', project),
    () => api.Projects.show(project),
  );
  const defaultBranch = details.default_branch;
  if (!defaultBranch) {
    throw new NotAllowedError(
      `${project} has no default branch (an empty repository?); there is nothing to fix`,
    );
  }
  if (branch === defaultBranch) refuse(job, branch, 'the default branch');
  if (branch === job.ref) refuse(job, branch, 'the branch that failed');

  const rules = await callGitlab(
    describeCall('GET /projects/:id/protected_branches', project),
    () => api.ProtectedBranches.all(project, { perPage: 100 }),
  );
  if (
    isProtectedBranch(
      branch,
      rules.map(rule => rule.name),
    )
  ) {
    refuse(job, branch, 'a protected branch');
  }

  const showBranch = () =>
    findInGitlab(
      describeCall(
        'GET /projects/:id/repository/branches/:branch',
        `${project} ${branch}`,
      ),
      () => api.Branches.show(project, branch),
    );
  const existing = await showBranch();
  if (existing) {
    // Belt and braces: the branch itself says whether a rule covers it.
    if (existing.protected) refuse(job, branch, 'a protected branch');
    return { defaultBranch, created: false, baseSha: job.commitSha };
  }

  const from = job.commitSha ?? job.ref;
  try {
    const created = await callGitlab(
      describeCall(
        'POST /projects/:id/repository/branches',
        `${project} ${branch} from ${from}`,
      ),
      () => api.Branches.create(project, branch, from),
    );
    return { defaultBranch, created: true, baseSha: created.commit.id };
  } catch (error) {
    // Another run of the same fix created it in between: reuse it.
    if ((error as Error).name === 'InputError' && (await showBranch())) {
      return { defaultBranch, created: false, baseSha: job.commitSha };
    }
    throw error;
  }
}
