import { FailedJob, FixBranch } from '@agentic-devops/plugin-remediation-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { callGitlab, describeCall } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';
import { PreparedFixBranch } from './branches/prepareFixBranch';
import { commitFiles } from './files/commitFiles';
import { readRepositoryFile } from './files/readRepositoryFile';
import { retryFailedJob } from './jobs/retryFailedJob';
import {
  findOpenMergeRequest,
  findOrOpenMergeRequest,
} from './mergeRequests/mergeRequests';
import { setProjectVariable } from './variables/setProjectVariable';

/**
 * A fix branch of a GitLab project. Steps stage files in memory; they
 * become one commit (of the files whose content differs from the branch)
 * and one merge request into the default branch.
 */
export class GitlabFixBranch implements FixBranch {
  readonly #staged = new Map<string, string>();

  constructor(
    private readonly api: GitlabClient,
    private readonly job: FailedJob,
    readonly branch: string,
    private readonly prepared: PreparedFixBranch,
    private readonly logger?: LoggerService,
  ) {}

  /** What a later step reads includes what an earlier step staged. */
  async readFile(path: string): Promise<string | undefined> {
    if (this.#staged.has(path)) return this.#staged.get(path);
    return readRepositoryFile(this.api, this.job.project, path, this.branch);
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.#staged.set(path, content);
  }

  async readDefaultBranchFile(path: string): Promise<string | undefined> {
    return readRepositoryFile(
      this.api,
      this.job.project,
      path,
      this.prepared.defaultBranch,
    );
  }

  /** Creates or updates the project's variable; its value is never logged. */
  async setCiVariable(name: string, value: string): Promise<void> {
    await setProjectVariable(
      this.api,
      this.job.project,
      name,
      value,
      this.logger,
    );
  }

  async retryJob(): Promise<void> {
    await retryFailedJob(this.api, this.job);
  }

  async commitAndOpenMergeRequest(options: {
    commitMessage: string;
    title: string;
    description: string;
  }): Promise<{
    commitSha?: string;
    mergeRequestUrl?: string;
    changed: boolean;
  }> {
    const { project } = this.job;
    const commit = await commitFiles(this.api, {
      project,
      branch: this.branch,
      files: this.#staged,
      message: options.commitMessage,
    });
    this.#staged.clear();

    // Nothing new to commit: the branch may still carry the fix of an
    // earlier attempt, whose merge request is found (or, if that attempt
    // stopped before opening it, opened now). A branch with nothing on it
    // gets no merge request.
    const carriesFix =
      commit !== undefined || (await this.#headDiffersFromBase());
    const mergeRequest = carriesFix
      ? await findOrOpenMergeRequest(this.api, {
          project,
          branch: this.branch,
          target: this.prepared.defaultBranch,
          title: options.title,
          description: options.description,
        })
      : await findOpenMergeRequest(this.api, project, this.branch);

    return {
      commitSha: commit?.sha,
      mergeRequestUrl: mergeRequest?.webUrl,
      changed: commit !== undefined,
    };
  }

  async #headDiffersFromBase(): Promise<boolean> {
    const { baseSha } = this.prepared;
    if (!baseSha) return false;
    const { project } = this.job;
    const head = await callGitlab(
      describeCall(
        'GET /projects/:id/repository/branches/:branch',
        `${project} ${this.branch}`,
      ),
      () => this.api.Branches.show(project, this.branch),
    );
    return head.commit.id !== baseSha;
  }
}
