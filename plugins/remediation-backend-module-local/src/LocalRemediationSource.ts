import {
  FailedJob,
  FixBranch,
  PipelineRun,
  RemediationSource,
} from '@agentic-devops/plugin-remediation-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileAt, gitIn, repositoryRelativePath, resolveRef } from './git';
import { LocalFixBranch } from './LocalFixBranch';
import { LocalPipelineRunner } from './LocalPipelineRunner';
import { LocalProjectVariables } from './LocalProjectVariables';
import { LocalRepositories } from './LocalRepositories';
import { LocalPipeline } from './runner/types';

export interface LocalRemediationSourceOptions {
  runner: LocalPipelineRunner;
  dataDirectory: string;
  /** Directories repositories must be in; default home, tmp and the working directory. */
  repositoryRoots?: string[];
  logger: LoggerService;
}

/** Where the local source keeps its data when the config does not say. */
export const DEFAULT_DATA_DIRECTORY = path.join(
  os.tmpdir(),
  'agentic-devops-remediation',
);

function toPipelineRun(pipeline: LocalPipeline): PipelineRun {
  return { id: pipeline.id, status: pipeline.status, ref: pipeline.ref };
}

/**
 * Local git repositories and a local pipeline runner as a source of failed
 * jobs and a place for fixes (the embedded default; GitLab is the other).
 * A project is a repository's absolute path. There are no merge requests:
 * a fix branch is pushed into the user's repository, never onto its default
 * branch.
 */
export class LocalRemediationSource implements RemediationSource {
  readonly id = 'local' as const;
  readonly #runner: LocalPipelineRunner;
  readonly #repositories: LocalRepositories;
  readonly #variables: LocalProjectVariables;
  readonly #dataDirectory: string;
  readonly #logger: LoggerService;

  /** From `remediation.local.*` config. */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): LocalRemediationSource {
    const local = config.getOptionalConfig('remediation.local');
    const dataDirectory = path.resolve(
      local?.getOptionalString('dataDirectory') ?? DEFAULT_DATA_DIRECTORY,
    );
    const runner = new LocalPipelineRunner({
      dataDirectory,
      logger: options.logger,
      jobTimeoutSeconds: local?.getOptionalNumber('jobTimeoutSeconds'),
      maxJobTimeoutSeconds: local?.getOptionalNumber('maxJobTimeoutSeconds'),
    });
    return new LocalRemediationSource({
      runner,
      dataDirectory,
      repositoryRoots: local?.getOptionalStringArray('repositoryRoots'),
      logger: options.logger,
    });
  }

  constructor(options: LocalRemediationSourceOptions) {
    this.#runner = options.runner;
    this.#repositories = new LocalRepositories(options.repositoryRoots);
    this.#dataDirectory = path.resolve(options.dataDirectory);
    this.#variables = new LocalProjectVariables(this.#dataDirectory);
    this.#logger = options.logger;
  }

  /** The runner the source starts pipelines with. */
  get runner() {
    return this.#runner;
  }

  async runRepositoryPipeline(
    repository: string,
    options: { ref?: string; signal?: AbortSignal } = {},
  ): Promise<{ pipeline: PipelineRun; failedJobs: FailedJob[] }> {
    const project = await this.#repositories.resolve(repository);
    const ref =
      options.ref ?? (await this.#repositories.defaultBranch(project));
    if (!ref) {
      throw new InputError(
        `${project} has a detached HEAD; say which branch to run`,
      );
    }
    const started = await this.#runner.runPipeline({
      repository: project,
      ref,
      variables: await this.#variables.get(project),
    });
    // The pipeline was started for this caller: it stops when they give up.
    const onAbort = () => {
      void this.#runner.cancelPipeline(started.id, 'The caller gave up');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const pipeline = await this.#runner.waitForPipeline(started.id, {
        signal: options.signal,
      });
      const failedJobs = pipeline.jobs
        .filter(j => j.status === 'failed' && !j.allowFailure)
        .map(
          (j): FailedJob => ({
            source: 'local',
            project,
            pipelineId: pipeline.id,
            jobId: j.id,
            jobName: j.name,
            ref: pipeline.ref,
            commitSha: pipeline.commitSha,
            failedAt: j.finishedAt,
          }),
        );
      return { pipeline: toPipelineRun(pipeline), failedJobs };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async readJobLog(
    job: FailedJob,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<Buffer>> {
    const { pipeline, file } = await this.#runner.jobLogFile(
      job.pipelineId,
      job.jobId,
    );
    this.#checkProject(job, pipeline);
    return fs.createReadStream(file, { signal });
  }

  async readFile(
    job: FailedJob,
    file: string,
    ref?: string,
  ): Promise<string | undefined> {
    const relative = repositoryRelativePath(file);
    const repository = await this.#repositories.resolve(job.project);
    const commit = ref
      ? (await resolveRef(repository, ref)).sha
      : await this.#failedCommit(repository, job);
    return fileAt(repository, commit, relative);
  }

  /** Runs the failed ref's pipeline again at the failed commit (a new run). */
  retryJob(job: FailedJob): Promise<PipelineRun> {
    return this.runPipeline(job, job.ref);
  }

  /** Stored under the data directory and passed to every pipeline of the repository. */
  async setCiVariable(job: FailedJob, name: string, value: string) {
    const repository = await this.#repositories.resolve(job.project);
    await this.#variables.set(repository, name, value);
  }

  async openFixBranch(job: FailedJob, branch: string): Promise<FixBranch> {
    const repository = await this.#repositories.resolve(job.project);
    await this.#checkBranchName(repository, branch);
    const protectedBranches = await this.#repositories.protectedBranches(
      repository,
    );
    if (protectedBranches.has(branch) || branch === job.ref) {
      throw new NotAllowedError(
        `A fix never goes to ${branch}: it is ${
          branch === job.ref ? 'the branch that failed' : 'a default branch'
        } of ${repository}`,
      );
    }
    const startSha = await this.#failedCommit(repository, job);
    const key = createHash('sha256')
      .update(`${repository}\0${branch}`)
      .digest('hex')
      .slice(0, 24);
    return LocalFixBranch.open({
      repository,
      branch,
      startSha,
      defaultBranch: await this.#repositories.defaultBranch(repository),
      workDirectory: path.join(this.#dataDirectory, 'workspaces', key),
      setCiVariable: (name, value) => this.setCiVariable(job, name, value),
      retryJob: async () => {
        await this.retryJob(job);
      },
    });
  }

  async runPipeline(
    job: FailedJob,
    ref: string,
    signal?: AbortSignal,
  ): Promise<PipelineRun> {
    signal?.throwIfAborted();
    const repository = await this.#repositories.resolve(job.project);
    // The failed ref runs again at the failed commit (a retry); any other
    // ref (a fix branch) at its head.
    const { sha } = await resolveRef(
      repository,
      ref,
      ref === job.ref ? job.commitSha : undefined,
    );
    const running = this.#runner.findRunningPipeline({
      repository,
      ref,
      commitSha: sha,
    });
    if (running) return toPipelineRun(running);
    const pipeline = await this.#runner.runPipeline({
      repository,
      ref,
      commitSha: sha,
      variables: await this.#variables.get(repository),
    });
    this.#logger.info(
      `Ran the pipeline of ${ref} in ${repository} again for job ${job.jobName} (${job.jobId}): pipeline ${pipeline.id}`,
    );
    return toPipelineRun(pipeline);
  }

  async getPipeline(
    job: FailedJob,
    pipelineId: string,
    signal?: AbortSignal,
  ): Promise<PipelineRun> {
    signal?.throwIfAborted();
    const pipeline = await this.#runner.getPipeline(pipelineId);
    this.#checkProject(job, pipeline);
    return toPipelineRun(pipeline);
  }

  /** Stops the pipelines the source started (on shutdown). */
  close() {
    return this.#runner.close();
  }

  async #failedCommit(repository: string, job: FailedJob) {
    return (await resolveRef(repository, job.ref, job.commitSha)).sha;
  }

  #checkProject(job: FailedJob, pipeline: LocalPipeline) {
    if (pipeline.repository !== job.project) {
      throw new NotFoundError(
        `Local pipeline ${pipeline.id} is not one of ${job.project}`,
      );
    }
  }

  async #checkBranchName(repository: string, branch: string) {
    try {
      if (
        typeof branch !== 'string' ||
        branch.startsWith('-') ||
        branch.includes('@{')
      ) {
        throw new Error();
      }
      await gitIn(repository).raw(['check-ref-format', '--branch', branch]);
    } catch {
      throw new InputError(`'${branch}' is not a valid branch name`);
    }
  }
}
