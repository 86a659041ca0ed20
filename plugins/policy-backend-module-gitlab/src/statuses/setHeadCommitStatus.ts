import type { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import {
  callGitlab,
  describeCall,
  GitlabClient,
} from '@agentic-devops/plugin-gitlab-node';

/** GitLab keeps at most 255 characters of a status's description. */
const MAX_DESCRIPTION = 255;

const shorten = (text: string) =>
  text.length <= MAX_DESCRIPTION
    ? text
    : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;

export interface HeadCommitStatus {
  name: string;
  state: 'pending' | 'success' | 'failed';
  description: string;
  targetUrl?: string;
}

/**
 * Sets the commit status `name` on the merge request's head
 * (`POST /projects/:id/statuses/:sha`), on its source branch. GitLab
 * refuses to set `pending` on a status that is still pending (a redelivered
 * webhook): that one already says what this would, so it is left as it is.
 */
export async function setHeadCommitStatus(
  api: GitlabClient,
  mergeRequest: MergeRequestRef,
  status: HeadCommitStatus,
): Promise<void> {
  const { project, headSha, sourceBranch } = mergeRequest;
  try {
    await callGitlab(
      describeCall(
        'POST /projects/:id/statuses/:sha',
        `${project} ${status.name}=${status.state}@${headSha}`,
      ),
      () =>
        api.Commits.editStatus(project, headSha, status.state, {
          name: status.name,
          ref: sourceBranch,
          description: shorten(status.description),
          ...(status.targetUrl ? { targetUrl: status.targetUrl } : {}),
        }),
    );
  } catch (error) {
    const alreadyPending =
      status.state === 'pending' &&
      (error as Error)?.name === 'InputError' &&
      /Cannot transition status via :enqueue from :pending/.test(
        (error as Error).message,
      );
    if (!alreadyPending) throw error;
  }
}
