import { callGitlab, describeCall } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';

/** What the source needs of a merge request. */
export interface MergeRequestRef {
  iid: number;
  webUrl: string;
}

/** The open merge request from `branch`, if there is one. */
export async function findOpenMergeRequest(
  api: GitlabClient,
  project: string,
  branch: string,
): Promise<MergeRequestRef | undefined> {
  const [found] = await callGitlab(
    describeCall('GET /projects/:id/merge_requests', `${project} ${branch}`),
    () =>
      api.MergeRequests.all({
        projectId: project,
        sourceBranch: branch,
        state: 'opened',
        perPage: 1,
        // One page: without it gitbeaker follows every `Link: next`.
        maxPages: 1,
      }),
  );
  return found && { iid: found.iid, webUrl: found.web_url };
}

/**
 * The open merge request from `branch` into `target`: the existing one, or
 * a new one that deletes the branch once merged. One per branch, so a fix
 * that runs again finds the merge request it opened before.
 */
export async function findOrOpenMergeRequest(
  api: GitlabClient,
  options: {
    project: string;
    branch: string;
    target: string;
    title: string;
    description: string;
  },
): Promise<MergeRequestRef> {
  const { project, branch, target, title, description } = options;
  const existing = await findOpenMergeRequest(api, project, branch);
  if (existing) return existing;
  try {
    const created = await callGitlab(
      describeCall(
        'POST /projects/:id/merge_requests',
        `${project} ${branch} into ${target}`,
      ),
      () =>
        api.MergeRequests.create(project, branch, target, title, {
          description,
          removeSourceBranch: true,
        }),
    );
    return { iid: created.iid, webUrl: created.web_url };
  } catch (error) {
    // 409: another run opened it in between; that one is ours too.
    const opened =
      (error as Error).name === 'ConflictError' &&
      (await findOpenMergeRequest(api, project, branch));
    if (opened) return opened;
    throw error;
  }
}
