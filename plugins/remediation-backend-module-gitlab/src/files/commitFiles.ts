import { CommitAction } from '@gitbeaker/rest';
import { callGitlab, describeCall } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';
import { readRepositoryFile } from './readRepositoryFile';

/**
 * Commits files to a branch in one commit: `create` for files the branch
 * does not have, `update` for those it has. Files already on the branch
 * with this content are left out (the same fix ran before), and when
 * nothing is left there is no commit: returns undefined.
 */
export async function commitFiles(
  api: GitlabClient,
  options: {
    project: string;
    branch: string;
    files: ReadonlyMap<string, string>;
    message: string;
  },
): Promise<{ sha: string; actions: CommitAction[] } | undefined> {
  const { project, branch, files, message } = options;
  const actions: CommitAction[] = [];
  for (const [filePath, content] of files) {
    const current = await readRepositoryFile(api, project, filePath, branch);
    if (current === content) continue;
    actions.push({
      action: current === undefined ? 'create' : 'update',
      filePath,
      content,
    });
  }
  if (actions.length === 0) return undefined;
  const commit = await callGitlab(
    describeCall(
      'POST /projects/:id/repository/commits',
      `${project} ${branch}`,
    ),
    () => api.Commits.create(project, branch, message, actions),
  );
  return { sha: commit.id, actions };
}
