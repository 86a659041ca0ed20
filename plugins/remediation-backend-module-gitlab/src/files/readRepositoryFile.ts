import { describeCall, findInGitlab } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';

/** A file's text at a ref (branch or sha); undefined when it has none. */
export async function readRepositoryFile(
  api: GitlabClient,
  project: string,
  path: string,
  ref: string,
): Promise<string | undefined> {
  const file = await findInGitlab(
    describeCall(
      'GET /projects/:id/repository/files/:file_path',
      `${project} ${path}@${ref}`,
    ),
    () => api.RepositoryFiles.show(project, path, ref),
  );
  if (!file) return undefined;
  return file.encoding === 'base64'
    ? Buffer.from(file.content, 'base64').toString('utf8')
    : file.content;
}
