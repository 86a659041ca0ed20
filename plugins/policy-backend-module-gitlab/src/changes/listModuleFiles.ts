import type { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import {
  describeCall,
  findInGitlab,
  GitlabClient,
} from '@agentic-devops/plugin-gitlab-node';
import { isTerraformModuleFile } from './terraformModuleFiles';

/**
 * The Terraform module files (`.tf`, `.tfvars`) of one folder at the merge
 * request's head (`GET /projects/:id/repository/tree`, every page); none
 * when the folder is gone.
 */
export async function listModuleFiles(
  api: GitlabClient,
  mergeRequest: MergeRequestRef,
  folder: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const entries = await findInGitlab(
    describeCall(
      'GET /projects/:id/repository/tree',
      `${mergeRequest.project} ${folder || '/'}@${mergeRequest.headSha}`,
    ),
    () =>
      api.Repositories.allRepositoryTrees(mergeRequest.project, {
        ref: mergeRequest.headSha,
        ...(folder ? { path: folder } : {}),
        perPage: 100,
      }),
    signal,
  );
  return (entries ?? [])
    .filter(entry => entry.type === 'blob' && isTerraformModuleFile(entry.path))
    .map(entry => entry.path);
}
