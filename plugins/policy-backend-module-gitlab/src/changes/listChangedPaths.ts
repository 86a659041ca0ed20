import type { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import {
  callGitlab,
  describeCall,
  GitlabClient,
} from '@agentic-devops/plugin-gitlab-node';

/** Git's modes for files with content: regular and executable. */
const FILE_MODES = new Set(['100644', '100755']);

/**
 * The paths the merge request adds or changes
 * (`GET /projects/:id/merge_requests/:merge_request_iid/diffs`, every
 * page), without deleted files, binary files (GitLab's diff says so),
 * submodules and symlinks: what there is to read and scan at its head.
 */
export async function listChangedPaths(
  api: GitlabClient,
  mergeRequest: MergeRequestRef,
  signal?: AbortSignal,
): Promise<string[]> {
  const diffs = await callGitlab(
    describeCall(
      'GET /projects/:id/merge_requests/:merge_request_iid/diffs',
      `${mergeRequest.project}!${mergeRequest.number}`,
    ),
    () =>
      api.MergeRequests.allDiffs(mergeRequest.project, mergeRequest.number, {
        perPage: 100,
      }),
    signal,
  );
  return diffs
    .filter(
      diff =>
        !diff.deleted_file &&
        FILE_MODES.has(diff.b_mode) &&
        !diff.diff.startsWith('Binary files '),
    )
    .map(diff => diff.new_path);
}
