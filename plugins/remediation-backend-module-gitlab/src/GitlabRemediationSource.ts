import {
  FailedJob,
  FailureIntake,
  FixBranch,
  PipelineRun,
  RemediationSource,
} from '@agentic-devops/plugin-remediation-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { callGitlab, describeCall } from '@agentic-devops/plugin-gitlab-node';
import { GitlabConnection } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClients } from '@agentic-devops/plugin-gitlab-node';
import { numericId } from './api/numericId';
import { streamJobTrace } from './api/streamJobTrace';
import { prepareFixBranch } from './branches/prepareFixBranch';
import { readRepositoryFile } from './files/readRepositoryFile';
import { GitlabFixBranch } from './GitlabFixBranch';
import { retryFailedJob } from './jobs/retryFailedJob';
import { findOpenMergeRequest } from './mergeRequests/mergeRequests';
import { parsePipelineEvent } from './parsePipelineEvent';
import {
  defaultPushPipelineWait,
  pipelineOfBranchHead,
  PushPipelineWait,
} from './pipelines/pipelineOfBranchHead';
import { toPipelineRun } from './pipelines/toPipelineRun';
import { setProjectVariable } from './variables/setProjectVariable';

/** The events topic Backstage's events GitLab module routes pipeline hooks to. */
export const GITLAB_PIPELINE_TOPIC = 'gitlab.pipeline';

export interface GitlabRemediationSourceOptions {
  /** The GitLab integrations with a token (see `readGitlabConnections`). */
  connections: GitlabConnection[];
  events: EventsService;
  logger: LoggerService;
  /** How long `runPipeline` looks for the pipeline GitLab starts on a push. */
  pushPipelineWait?: PushPipelineWait;
}

/**
 * Failures from and fixes to GitLab: failed jobs arrive as pipeline
 * webhooks through the events service; logs, branches, commits, merge
 * requests, notes, variables and pipelines go through its REST API
 * (@gitbeaker/rest). Jobs name their project by path with namespace
 * (`group/project`).
 */
export class GitlabRemediationSource implements RemediationSource {
  readonly id = 'gitlab' as const;
  readonly #clients: GitlabClients;
  readonly #events: EventsService;
  readonly #logger: LoggerService;
  readonly #pushPipelineWait: PushPipelineWait;

  constructor(options: GitlabRemediationSourceOptions) {
    this.#clients = new GitlabClients(options.connections);
    this.#events = options.events;
    this.#logger = options.logger;
    this.#pushPipelineWait =
      options.pushPipelineWait ?? defaultPushPipelineWait;
  }

  async subscribe(intake: FailureIntake): Promise<void> {
    await this.#events.subscribe({
      id: 'remediation-gitlab-pipelines',
      topics: [GITLAB_PIPELINE_TOPIC],
      onEvent: async ({ eventPayload }) => {
        await this.#takeIn(intake, eventPayload);
      },
    });
  }

  /** Never throws: a bad event or a failing intake must not upset the bus. */
  async #takeIn(intake: FailureIntake, payload: unknown) {
    const parsed = parsePipelineEvent(payload);
    if ('error' in parsed) {
      this.#logger.warn(
        `Dropped a ${GITLAB_PIPELINE_TOPIC} event: ${parsed.error}`,
      );
      return;
    }
    for (const job of parsed.jobs) {
      try {
        const result = await intake.receive(job);
        this.#logger.info(
          `Failed job ${job.jobName} (${job.jobUrl}) of ${job.project}: ${
            'ignored' in result
              ? `ignored, ${result.ignored}`
              : `${result.created ? 'new' : 'known'} remediation ${
                  result.remediationId
                }`
          }`,
        );
      } catch (error) {
        this.#logger.error(
          `Could not take in failed job ${job.jobName} (${job.jobUrl}) of ${job.project}`,
          error as Error,
        );
      }
    }
  }

  async readJobLog(
    job: FailedJob,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<Buffer>> {
    return streamJobTrace(this.#clients.forJob(job), job, signal);
  }

  /** A file at `ref`, by default the failed commit (else the failed ref). */
  async readFile(
    job: FailedJob,
    path: string,
    ref?: string,
  ): Promise<string | undefined> {
    return readRepositoryFile(
      this.#clients.forJob(job),
      job.project,
      path,
      ref ?? job.commitSha ?? job.ref,
    );
  }

  async retryJob(job: FailedJob): Promise<PipelineRun> {
    return retryFailedJob(this.#clients.forJob(job), job);
  }

  /** Creates or updates the project's variable; its value is never logged. */
  async setCiVariable(
    job: FailedJob,
    name: string,
    value: string,
  ): Promise<void> {
    await setProjectVariable(
      this.#clients.forJob(job),
      job.project,
      name,
      value,
      this.#logger,
    );
  }

  async openFixBranch(job: FailedJob, branch: string): Promise<FixBranch> {
    const api = this.#clients.forJob(job);
    const prepared = await prepareFixBranch(api, job, branch);
    this.#logger.info(
      `${prepared.created ? 'Created' : 'Reusing'} fix branch ${branch} of ${
        job.project
      }`,
    );
    return new GitlabFixBranch(api, job, branch, prepared, this.#logger);
  }

  /**
   * The failed job's own ref: retries the failed pipeline (its failed jobs
   * run again). Another ref (a fix branch): the pipeline of its head, the
   * one GitLab started on the push, or a new one.
   */
  async runPipeline(
    job: FailedJob,
    ref: string,
    signal?: AbortSignal,
  ): Promise<PipelineRun> {
    const api = this.#clients.forJob(job);
    if (ref === job.ref) {
      const pipelineId = numericId(job.pipelineId, 'pipeline');
      const pipeline = await callGitlab(
        describeCall(
          'POST /projects/:id/pipelines/:pipeline_id/retry',
          `${job.project} pipeline ${job.pipelineId}`,
        ),
        () => api.Pipelines.retry(job.project, pipelineId),
        signal,
      );
      return toPipelineRun(pipeline);
    }
    const pipeline = await pipelineOfBranchHead(api, {
      project: job.project,
      branch: ref,
      wait: this.#pushPipelineWait,
      signal,
    });
    return toPipelineRun(pipeline);
  }

  async getPipeline(
    job: FailedJob,
    pipelineId: string,
    signal?: AbortSignal,
  ): Promise<PipelineRun> {
    const api = this.#clients.forJob(job);
    const id = numericId(pipelineId, 'pipeline');
    const pipeline = await callGitlab(
      describeCall(
        'GET /projects/:id/pipelines/:pipeline_id',
        `${job.project} pipeline ${id}`,
      ),
      () => api.Pipelines.show(job.project, id),
      signal,
    );
    return toPipelineRun(pipeline);
  }

  /** A note on the branch's open merge request; nothing when it has none. */
  async commentOnMergeRequest(
    job: FailedJob,
    branch: string,
    body: string,
  ): Promise<void> {
    const api = this.#clients.forJob(job);
    const mergeRequest = await findOpenMergeRequest(api, job.project, branch);
    if (!mergeRequest) {
      this.#logger.info(
        `No open merge request from ${branch} of ${job.project}; the comment is not posted`,
      );
      return;
    }
    await callGitlab(
      describeCall(
        'POST /projects/:id/merge_requests/:merge_request_iid/notes',
        `${job.project} !${mergeRequest.iid}`,
      ),
      () => api.MergeRequestNotes.create(job.project, mergeRequest.iid, body),
    );
  }
}
