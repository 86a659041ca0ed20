import {
  FINISHED_PIPELINE_STATUSES,
  PipelineStatus,
} from '@agentic-devops/plugin-remediation-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gitIn, hasFileAt, resolveRef, workTreeRoot } from './git';
import {
  gitlabCiLocalArgs,
  gitlabCiLocalEnv,
  gitlabCiLocalPackage,
} from './runner/gitlabCiLocal';
import { JobLogWriter } from './runner/JobLogWriter';
import { findNetworkInclude } from './runner/networkIncludes';
import { newPipelineId, PipelineStore } from './runner/pipelineStore';
import { planPipeline } from './runner/planPipeline';
import { JobOutcome, runJob } from './runner/runJob';
import { LocalJob, LocalPipeline } from './runner/types';

export interface LocalPipelineRunnerOptions {
  /** Where pipelines (records, job logs) and their checkouts are kept. */
  dataDirectory: string;
  logger: LoggerService;
  /** A job's time limit when it sets no `timeout:`. Default 3600 (GitLab's). */
  jobTimeoutSeconds?: number;
  /** The most any job may run, whatever its `timeout:`. Default the larger of 3 hours and jobTimeoutSeconds. */
  maxJobTimeoutSeconds?: number;
  /** The most of a job's log that is stored (its start and its end). Default 16 MiB. */
  maxLogBytes?: number;
}

export interface RunPipelineOptions {
  /** The repository's top directory (absolute). */
  repository: string;
  /** The branch or tag the pipeline runs for (`CI_COMMIT_REF_NAME`). */
  ref: string;
  /** The commit to run; default the ref's head. */
  commitSha?: string;
  /** Project CI/CD variables. */
  variables?: Record<string, string>;
}

interface ActiveRun {
  pipeline: LocalPipeline;
  controller: AbortController;
  done: Promise<void>;
}

/** Pipelines this process runs (whatever runner instance runs them). */
const pipelinesRunHere = new Set<string>();

const DEFAULT_MAX_LOG_BYTES = 16 * 1024 * 1024;

function isFinished(status: PipelineStatus) {
  return FINISHED_PIPELINE_STATUSES.includes(status);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isOlderThan(file: string, ms: number) {
  const stat = await fs.stat(file).catch(() => undefined);
  return !stat || Date.now() - stat.mtimeMs > ms;
}

/** Go's duration format, which GitLab runners print: 1h0m0s, 1m30s, 2s. */
function goDuration(seconds: number) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) return `${h}h${m}m${s}s`;
  return m ? `${m}m${s}s` : `${s}s`;
}

/**
 * Runs a repository's `.gitlab-ci.yml` with gitlab-ci-local (shell
 * executor), the local stand-in for GitLab CI. Each pipeline runs in a
 * checkout of its own of one commit, so the user's working copy is never
 * touched and uncommitted changes do not leak in; jobs run one after the
 * other, by stage. The record and each job's log are files under
 * `<dataDirectory>/pipelines/<id>/`, readable by any process.
 */
export class LocalPipelineRunner {
  readonly #dataDirectory: string;
  readonly #logger: LoggerService;
  readonly #store: PipelineStore;
  readonly #timeouts: { defaultSeconds: number; maxSeconds: number };
  readonly #maxLogBytes: number;
  readonly #tool = gitlabCiLocalPackage();
  readonly #active = new Map<string, ActiveRun>();
  #swept?: Promise<void>;

  constructor(options: LocalPipelineRunnerOptions) {
    this.#dataDirectory = path.resolve(options.dataDirectory);
    this.#logger = options.logger;
    this.#store = new PipelineStore(this.#dataDirectory);
    const defaultSeconds = options.jobTimeoutSeconds ?? 3600;
    this.#timeouts = {
      defaultSeconds,
      maxSeconds:
        options.maxJobTimeoutSeconds ?? Math.max(3 * 3600, defaultSeconds),
    };
    this.#maxLogBytes = options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
    if (!(defaultSeconds > 0) || !(this.#timeouts.maxSeconds > 0)) {
      throw new InputError('Job timeouts must be positive numbers of seconds');
    }
  }

  /**
   * Starts the pipeline of a ref (at a commit) and returns it `running`;
   * InputError when it cannot start (no such ref, no `.gitlab-ci.yml`, a
   * configuration gitlab-ci-local rejects, includes from the network).
   */
  async runPipeline(options: RunPipelineOptions): Promise<LocalPipeline> {
    const repository = await fs
      .realpath(path.resolve(options.repository))
      .catch(() => options.repository);
    if ((await workTreeRoot(repository)) !== repository) {
      throw new InputError(
        `${repository} is not the top directory of a git repository`,
      );
    }
    const { sha, isBranch } = await resolveRef(
      repository,
      options.ref,
      options.commitSha,
    );
    if (!(await hasFileAt(repository, sha, '.gitlab-ci.yml'))) {
      throw new InputError(
        `${repository} has no .gitlab-ci.yml at ${options.ref} (${sha.slice(
          0,
          8,
        )}): there is no pipeline to run`,
      );
    }

    this.#swept ??= this.#sweepCheckouts();
    await this.#swept;
    const id = newPipelineId();
    const checkout = this.#checkoutDirectory(id);
    const env = gitlabCiLocalEnv(options.variables ?? {});
    const args = gitlabCiLocalArgs(
      path.join(this.#dataDirectory, 'gitlab-ci-local-home'),
    );
    pipelinesRunHere.add(id);
    let pipeline: LocalPipeline;
    try {
      await this.#checkOut(repository, checkout, options.ref, sha, isBranch);
      const networkInclude = await findNetworkInclude(checkout);
      if (networkInclude) {
        throw new InputError(
          `The local runner does not fetch CI configuration from the network: .gitlab-ci.yml includes ${networkInclude}`,
        );
      }
      const jobs = await planPipeline({
        bin: this.#tool.bin,
        args,
        env,
        checkout,
        pipelineId: id,
        timeouts: this.#timeouts,
      });
      const runnable = jobs.some(j => j.status === 'created');
      pipeline = {
        id,
        repository,
        ref: options.ref,
        commitSha: sha,
        status: runnable ? 'running' : 'skipped',
        reason: runnable ? undefined : 'No job of this pipeline runs by itself',
        createdAt: new Date().toISOString(),
        finishedAt: runnable ? undefined : new Date().toISOString(),
        jobs,
        runner: { pid: process.pid },
      };
      await this.#store.write(pipeline);
      if (!runnable) {
        pipelinesRunHere.delete(id);
        await fs.rm(checkout, { recursive: true, force: true });
        return pipeline;
      }
    } catch (error) {
      pipelinesRunHere.delete(id);
      await fs.rm(checkout, { recursive: true, force: true });
      await this.#store.remove(id);
      throw error;
    }

    const controller = new AbortController();
    const run: ActiveRun = {
      pipeline,
      controller,
      done: this.#run(pipeline, checkout, args, env, controller.signal)
        .catch(error =>
          this.#logger.error(`Local pipeline ${id} broke: ${error}`),
        )
        .finally(() => {
          this.#active.delete(id);
          pipelinesRunHere.delete(id);
        }),
    };
    this.#active.set(id, run);
    this.#logger.info(
      `Local pipeline ${id} started for ${repository} ${
        options.ref
      } (${sha.slice(0, 8)}), ${pipeline.jobs.length} jobs`,
    );
    return structuredClone(pipeline);
  }

  /**
   * A pipeline's current state. A pipeline that was running when its
   * process went away (a backend restart) is canceled, with the reason.
   */
  async getPipeline(pipelineId: string): Promise<LocalPipeline> {
    const active = this.#active.get(pipelineId);
    if (active) return structuredClone(active.pipeline);
    const pipeline = await this.#store.read(pipelineId);
    if (isFinished(pipeline.status) || this.#isRunning(pipeline)) {
      return pipeline;
    }
    this.#finish(
      pipeline,
      'canceled',
      'The runner stopped before the pipeline finished (the backend was stopped or restarted)',
    );
    await this.#store.write(pipeline).catch(() => {});
    await fs.rm(this.#checkoutDirectory(pipeline.id), {
      recursive: true,
      force: true,
    });
    return pipeline;
  }

  /** Waits until a pipeline has finished and returns it. */
  async waitForPipeline(
    pipelineId: string,
    options: { signal?: AbortSignal; pollIntervalMs?: number } = {},
  ): Promise<LocalPipeline> {
    for (;;) {
      options.signal?.throwIfAborted();
      const pipeline = await this.getPipeline(pipelineId);
      if (isFinished(pipeline.status)) return pipeline;
      const active = this.#active.get(pipelineId);
      if (active) {
        await Promise.race([
          active.done,
          sleep(options.pollIntervalMs ?? 1000, undefined, {
            signal: options.signal,
          }),
        ]);
      } else {
        await sleep(options.pollIntervalMs ?? 1000, undefined, {
          signal: options.signal,
        });
      }
    }
  }

  /** Stops a pipeline this process runs; it ends `canceled`. */
  async cancelPipeline(pipelineId: string, reason = 'Canceled') {
    const active = this.#active.get(pipelineId);
    if (active) {
      active.controller.abort(new Error(reason));
      await active.done;
    }
    return this.getPipeline(pipelineId);
  }

  /** A pipeline this process is running for the commit of a ref, if any. */
  findRunningPipeline(query: {
    repository: string;
    ref: string;
    commitSha: string;
  }): LocalPipeline | undefined {
    for (const { pipeline } of this.#active.values()) {
      if (
        pipeline.repository === query.repository &&
        pipeline.ref === query.ref &&
        pipeline.commitSha === query.commitSha
      ) {
        return structuredClone(pipeline);
      }
    }
    return undefined;
  }

  /** The file of a job's log; NotFoundError when the job has none (yet). */
  async jobLogFile(pipelineId: string, jobId: string) {
    const pipeline = await this.getPipeline(pipelineId);
    const job = pipeline.jobs.find(j => j.id === jobId);
    if (!job?.logFile) {
      throw new NotFoundError(
        `Local pipeline ${pipelineId} has no log for job ${jobId}`,
      );
    }
    return {
      pipeline,
      job,
      file: path.join(this.#store.directory(pipelineId), job.logFile),
    };
  }

  /** Cancels what this runner runs (on shutdown). */
  async close() {
    await Promise.all(
      [...this.#active.keys()].map(id =>
        this.cancelPipeline(id, 'The backend shut down'),
      ),
    );
  }

  /** Removes checkouts that runs gone with an earlier process left behind. */
  async #sweepCheckouts() {
    const dir = path.join(this.#dataDirectory, 'checkouts');
    for (const id of await fs.readdir(dir).catch(() => [] as string[])) {
      if (pipelinesRunHere.has(id)) continue;
      const checkout = path.join(dir, id);
      // Reading a run that is gone marks it canceled (and removes its checkout).
      const pipeline = await this.getPipeline(id).catch(() => undefined);
      // Without a record it never started, unless another process is starting it now.
      const stale = pipeline
        ? isFinished(pipeline.status)
        : await isOlderThan(checkout, 3600_000);
      if (stale) await fs.rm(checkout, { recursive: true, force: true });
    }
  }

  #checkoutDirectory(pipelineId: string) {
    return path.join(this.#dataDirectory, 'checkouts', pipelineId);
  }

  #isRunning(pipeline: LocalPipeline) {
    return pipeline.runner.pid === process.pid
      ? pipelinesRunHere.has(pipeline.id)
      : isAlive(pipeline.runner.pid);
  }

  /** A clone of one commit that shares the repository's objects. */
  async #checkOut(
    repository: string,
    checkout: string,
    ref: string,
    sha: string,
    isBranch: boolean,
  ) {
    await fs.mkdir(path.dirname(checkout), { recursive: true });
    await gitIn(path.dirname(checkout)).raw([
      'clone',
      '--quiet',
      '--shared',
      '--no-checkout',
      repository,
      checkout,
    ]);
    const git = gitIn(checkout);
    // The branch name is what jobs see as CI_COMMIT_REF_NAME / CI_COMMIT_BRANCH.
    await git.raw(
      isBranch
        ? ['checkout', '--quiet', '-B', ref, sha]
        : ['checkout', '--quiet', '--detach', sha],
    );
    // gitlab-ci-local names the project after this remote (CI_PROJECT_NAME).
    const name =
      path.basename(repository).replace(/[^A-Za-z0-9._-]+/g, '-') || 'project';
    await git.raw([
      'remote',
      'add',
      'gcl-origin',
      `https://gitlab.localhost/local/${name}.git`,
    ]);
  }

  async #run(
    pipeline: LocalPipeline,
    checkout: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    signal: AbortSignal,
  ) {
    const stageOf = new Map(pipeline.jobs.map(j => [j.name, j.stage]));
    const stageOrder = [...new Set(pipeline.jobs.map(j => j.stage))];
    const failedIn = (jobs: LocalJob[]) =>
      jobs.some(j => j.status === 'failed' && !j.allowFailure);
    const passed = (j?: LocalJob) =>
      !j || j.status === 'success' || (j.status === 'failed' && j.allowFailure);

    try {
      for (const job of pipeline.jobs) {
        if (signal.aborted) break;
        if (job.status !== 'created') continue;
        const earlier = pipeline.jobs.filter(
          j =>
            stageOrder.indexOf(j.stage) <
            stageOrder.indexOf(stageOf.get(job.name)!),
        );
        const needed = job.needs?.map(n =>
          pipeline.jobs.find(j => j.name === n),
        );
        const upstreamFailed = needed
          ? !needed.every(passed)
          : failedIn(earlier);
        const runs =
          job.when === 'always' ||
          (job.when === 'on_failure' ? upstreamFailed : !upstreamFailed);
        if (!runs) {
          job.status = 'skipped';
          continue;
        }
        await this.#runJob(pipeline, job, checkout, args, env, signal);
      }
      if (signal.aborted) {
        this.#finish(
          pipeline,
          'canceled',
          signal.reason instanceof Error ? signal.reason.message : 'Canceled',
        );
      } else if (failedIn(pipeline.jobs)) {
        this.#finish(pipeline, 'failed');
      } else {
        const ran = pipeline.jobs.some(
          j => j.status === 'success' || j.status === 'failed',
        );
        this.#finish(pipeline, ran ? 'success' : 'skipped');
      }
    } catch (error) {
      this.#finish(pipeline, 'failed', `The local runner failed: ${error}`);
    } finally {
      await this.#store.write(pipeline);
      await fs.rm(checkout, { recursive: true, force: true });
      this.#logger.info(
        `Local pipeline ${pipeline.id} ${pipeline.status} (${pipeline.repository} ${pipeline.ref})`,
      );
    }
  }

  async #runJob(
    pipeline: LocalPipeline,
    job: LocalJob,
    checkout: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    signal: AbortSignal,
  ) {
    const index = job.id.slice(pipeline.id.length + 1);
    job.logFile = `${index}-${job.name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 60)}.log`;
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    await this.#store.write(pipeline);

    const log = new JobLogWriter(
      path.join(this.#store.directory(pipeline.id), job.logFile),
      this.#maxLogBytes,
    );
    log.line(
      `Running with gitlab-ci-local ${this.#tool.version} (shell executor)`,
    );
    log.line(
      `Checking out ${pipeline.commitSha.slice(0, 8)} as ${pipeline.ref}...`,
    );
    let outcome: JobOutcome;
    try {
      outcome = await runJob({
        bin: this.#tool.bin,
        args,
        env,
        checkout,
        jobName: job.name,
        timeoutSeconds: job.timeoutSeconds,
        log,
        signal,
        truncateOwnLogEveryBytes: this.#maxLogBytes,
      });
    } catch (error) {
      outcome = { kind: 'runner_error', message: String(error) };
    }

    job.finishedAt = new Date().toISOString();
    const closing: string[] = [];
    switch (outcome.kind) {
      case 'success':
        job.status = 'success';
        closing.push('Job succeeded');
        break;
      case 'failed':
        job.status = 'failed';
        job.failureReason = 'script_failure';
        job.exitCode = outcome.exitCode;
        job.allowFailure = outcome.allowed;
        closing.push(`ERROR: Job failed: exit status ${outcome.exitCode}`);
        break;
      case 'timeout':
        job.status = 'failed';
        job.failureReason = 'job_execution_timeout';
        closing.push(
          `ERROR: Job failed: execution took longer than ${goDuration(
            job.timeoutSeconds,
          )} seconds`,
        );
        break;
      case 'canceled':
        job.status = 'canceled';
        closing.push('ERROR: Job failed: canceled');
        break;
      default:
        job.status = 'failed';
        job.failureReason = 'runner_system_failure';
        closing.push(
          outcome.message,
          'ERROR: Job failed (system failure): gitlab-ci-local could not run the job',
        );
    }
    await log.close(closing);
    await this.#store.write(pipeline);
  }

  #finish(pipeline: LocalPipeline, status: PipelineStatus, reason?: string) {
    pipeline.status = status;
    pipeline.reason = reason;
    pipeline.finishedAt = new Date().toISOString();
    for (const job of pipeline.jobs) {
      if (job.status === 'running' || job.status === 'created') {
        job.status = status === 'canceled' ? 'canceled' : 'skipped';
      }
    }
  }
}
