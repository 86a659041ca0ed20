import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { TaskContext } from '@agentic-devops/plugin-agentic-node';
import { JsonObject } from '@backstage/types';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ClaimedTask,
  WorkflowChange,
  WorkflowStore,
} from '../database/WorkflowStore';
import { backoffDelay } from './backoff';
import { WorkerSettings } from './settings';
import { DEFAULT_TIMEOUT_MS, TaskRegistry } from './TaskRegistry';

/** Outputs are stored and handed to dependents; keep them small. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

type AbortReason = 'cancelled' | 'lease lost' | 'timeout' | 'shutdown';

interface RunningTask {
  claim: ClaimedTask;
  controller: AbortController;
  reason?: AbortReason;
  done: Promise<void>;
}

export interface ChangeListener {
  publish(changes: Array<WorkflowChange | undefined>): void;
}

/**
 * Claims ready tasks and runs their handlers on this instance. Every attempt
 * runs under a lease that heartbeats extend; the store only accepts a result
 * from the lease holder, so each attempt counts exactly once even when two
 * replicas share the database, and a dead replica's tasks are taken over
 * once their leases expire.
 */
export class TaskWorker {
  readonly id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly #running = new Map<string, RunningTask>();
  #pumping = false;
  #pumpAgain = false;
  #stopped = false;

  constructor(
    private readonly options: {
      store: WorkflowStore;
      registry: TaskRegistry;
      logger: LoggerService;
      listener: ChangeListener;
      settings: WorkerSettings;
    },
  ) {}

  /** Background loops on the plugin's scheduler: claiming (with lease expiry) and heartbeats. */
  async start(scheduler: SchedulerService) {
    const { settings } = this.options;
    await scheduler.scheduleTask({
      id: 'planner-claim-tasks',
      scope: 'local',
      frequency: { milliseconds: settings.pollIntervalMs },
      timeout: { minutes: 5 },
      fn: () => this.tick(),
    });
    await scheduler.scheduleTask({
      id: 'planner-heartbeat',
      scope: 'local',
      frequency: { milliseconds: settings.heartbeatMs },
      timeout: { minutes: 1 },
      fn: () => this.heartbeat(),
    });
  }

  get runningCount() {
    return this.#running.size;
  }

  /** One poll: take over expired leases, then claim what is ready. */
  async tick() {
    if (this.#stopped) return;
    const { store, settings, listener } = this.options;
    listener.publish(
      await store.expireLeases(
        100,
        attempt => Date.now() + backoffDelay(attempt, settings.retry),
      ),
    );
    await this.pump();
  }

  /** Called when work may have become ready here (created, unblocked, a slot freed). */
  wake() {
    if (this.#stopped) return;
    this.pump().catch(error =>
      this.options.logger.error(`Claiming tasks failed: ${error}`),
    );
  }

  async pump() {
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = true;
    const { store, settings, listener } = this.options;
    try {
      do {
        this.#pumpAgain = false;
        while (!this.#stopped) {
          const free = settings.concurrency - this.#running.size;
          if (free <= 0) break;
          const { claims, changes } = await store.claimTasks(
            this.id,
            free,
            settings.leaseMs,
          );
          listener.publish(changes);
          for (const claim of claims) this.#start(claim);
          if (claims.length < free) break;
        }
      } while (this.#pumpAgain && !this.#stopped);
    } finally {
      this.#pumping = false;
    }
  }

  /** Extends the leases of running tasks; aborts those lost or cancelled. */
  async heartbeat() {
    if (this.#running.size === 0) return;
    const claims = [...this.#running.values()].map(r => ({
      id: r.claim.id,
      attempt: r.claim.attempt,
    }));
    const { lost, cancelRequested } = await this.options.store.heartbeat(
      this.id,
      claims,
      this.options.settings.leaseMs,
    );
    for (const id of lost) this.#abort(id, 'lease lost');
    for (const id of cancelRequested) this.#abort(id, 'cancelled');
  }

  /** Aborts at once the handlers this instance runs for a cancelled workflow. */
  abortWorkflow(workflowId: string) {
    for (const running of this.#running.values()) {
      if (running.claim.workflowId === workflowId) {
        this.#abort(running.claim.id, 'cancelled');
      }
    }
  }

  /** Stops claiming; waits a while for running handlers (their leases expire otherwise). */
  async stop(graceMs = 10_000) {
    this.#stopped = true;
    const all = Promise.all([...this.#running.values()].map(r => r.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      all,
      new Promise(r => (timer = setTimeout(r, graceMs))),
    ]);
    clearTimeout(timer);
    for (const id of this.#running.keys()) this.#abort(id, 'shutdown');
  }

  #abort(taskId: string, reason: AbortReason) {
    const running = this.#running.get(taskId);
    if (running && !running.reason) {
      running.reason = reason;
      running.controller.abort(new Error(reason));
    }
  }

  #start(claim: ClaimedTask) {
    const controller = new AbortController();
    const running = { claim, controller } as RunningTask;
    this.#running.set(claim.id, running);
    running.done = this.#execute(running)
      .catch(error =>
        this.options.logger.error(
          `Task ${claim.key} of workflow ${claim.workflowId}: could not record the result: ${error}`,
        ),
      )
      .finally(() => {
        this.#running.delete(claim.id);
        this.wake();
      });
  }

  async #execute(running: RunningTask) {
    const { claim, controller } = running;
    const { store, registry, listener, settings } = this.options;
    const logger = this.options.logger.child({
      workflowId: claim.workflowId,
      task: claim.key,
      attempt: claim.attempt,
    });
    const fail = async (message: string, retryable: boolean) => {
      const retryAt = retryable
        ? Date.now() + backoffDelay(claim.attempt, settings.retry)
        : undefined;
      const { outcome, change } = await store.failTask(claim, message, retryAt);
      listener.publish([change]);
      logger.warn(`Attempt ${claim.attempt} failed (${outcome}): ${message}`);
    };

    const handler = registry.handler(claim.type);
    if (!handler) {
      await fail(
        `no handler is registered for task type '${claim.type}'`,
        false,
      );
      return;
    }
    const params = handler.parameters.safeParse(claim.params);
    if (!params.success) {
      await fail(
        `invalid params: ${z.prettifyError(params.error).replace(/\n/g, '; ')}`,
        false,
      );
      return;
    }
    const timeoutMs = handler.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => this.#abort(claim.id, 'timeout'), timeoutMs);
    const context: TaskContext = {
      params: params.data,
      workflow: claim.workflow,
      task: {
        id: claim.id,
        key: claim.key,
        type: claim.type,
        attempt: claim.attempt,
        maxAttempts: claim.maxAttempts,
      },
      inputs: claim.inputs,
      signal: controller.signal,
      logger,
      progress: async (message: string, data?: JsonObject) => {
        listener.publish([await store.appendProgress(claim, message, data)]);
      },
    };

    let output: JsonObject | void;
    try {
      output = await handler.run(context);
    } catch (error: any) {
      clearTimeout(timer);
      if (running.reason === 'lease lost' || running.reason === 'shutdown') {
        logger.warn(`Attempt ${claim.attempt} abandoned: ${running.reason}`);
      } else if (running.reason === 'cancelled') {
        listener.publish([(await store.recordCancelled(claim)).change]);
      } else if (running.reason === 'timeout') {
        await fail(`timed out after ${timeoutMs} ms`, true);
      } else {
        await fail(
          String(error?.message ?? error),
          error?.name !== 'NonRetryableTaskError',
        );
      }
      return;
    }
    clearTimeout(timer);
    if (running.reason === 'lease lost') {
      logger.warn(
        `Attempt ${claim.attempt} finished after its lease was lost; result discarded`,
      );
      return;
    }
    if (
      output !== undefined &&
      (output === null || typeof output !== 'object' || Array.isArray(output))
    ) {
      await fail('the handler returned something other than an object', false);
      return;
    }
    const size = Buffer.byteLength(JSON.stringify(output ?? {}));
    if (size > MAX_OUTPUT_BYTES) {
      await fail(
        `the handler's output is ${size} bytes; at most ${MAX_OUTPUT_BYTES} are kept`,
        false,
      );
      return;
    }
    const { ok, change } = await store.completeTask(claim, output ?? {});
    if (!ok) {
      logger.warn(
        `Attempt ${claim.attempt} succeeded but its lease had been taken over; result discarded`,
      );
      return;
    }
    listener.publish([change]);
  }
}
