import { setTimeout as sleep } from 'node:timers/promises';
import { callGitlab, describeCall } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';

/** How long to look for the pipeline GitLab starts by itself on a push. */
export interface PushPipelineWait {
  attempts: number;
  intervalMs: number;
}

export const defaultPushPipelineWait: PushPipelineWait = {
  attempts: 5,
  intervalMs: 2_000,
};

/**
 * The pipeline of a branch's head commit: the one GitLab started on the
 * push (it may take a moment to appear), else a new one, so a fix branch
 * gets exactly one pipeline for its fix.
 */
export async function pipelineOfBranchHead(
  api: GitlabClient,
  options: {
    project: string;
    branch: string;
    wait: PushPipelineWait;
    signal?: AbortSignal;
  },
) {
  const { project, branch, wait, signal } = options;
  const head = await callGitlab(
    describeCall(
      'GET /projects/:id/repository/branches/:branch',
      `${project} ${branch}`,
    ),
    () => api.Branches.show(project, branch),
    signal,
  );
  const sha = head.commit.id;
  for (let attempt = 1; ; attempt++) {
    const [started] = await callGitlab(
      describeCall('GET /projects/:id/pipelines', `${project} ${branch}`),
      () =>
        api.Pipelines.all(project, {
          ref: branch,
          sha,
          orderBy: 'id',
          sort: 'desc',
          perPage: 1,
          // One page: without it gitbeaker follows every `Link: next`.
          maxPages: 1,
        }),
      signal,
    );
    if (started) return started;
    if (attempt >= wait.attempts) break;
    await sleep(wait.intervalMs, undefined, { signal });
  }
  return callGitlab(
    describeCall('POST /projects/:id/pipeline', `${project} ${branch}`),
    () => api.Pipelines.create(project, branch),
    signal,
  );
}
