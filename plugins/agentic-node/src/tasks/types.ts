import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';

/** What a handler sees of the workflow and the task it runs. */
export interface TaskContext<TParams = unknown> {
  /** The task's parameters, validated against the handler's schema. */
  params: TParams;
  workflow: {
    id: string;
    definition: string;
    parameters: JsonObject;
    entityRef?: string;
    requestedBy: string;
  };
  task: {
    id: string;
    key: string;
    type: string;
    /** 1 on the first attempt. */
    attempt: number;
    maxAttempts: number;
  };
  /** Outputs of the tasks this one depends on, by task key. */
  inputs: Record<string, JsonObject>;
  /**
   * Aborted when the workflow is cancelled, the handler's timeout passes or
   * this instance lost the task's lease; a handler should stop promptly.
   */
  signal: AbortSignal;
  logger: LoggerService;
  /** Records a progress event, shown live in the portal and kept in the history. */
  progress(message: string, data?: JsonObject): Promise<void>;
}

/**
 * Runs one type of task. Modules register handlers through the Planner's
 * extension point; the Planner runs each attempt exactly once, under a lease.
 */
export interface TaskHandler<TParams = any> {
  /** Namespaced type, e.g. `codegen.generate`, `policy.check`, `remediation.apply`. */
  type: string;
  title: string;
  description?: string;
  /** Validates a task's params when the workflow is planned and before each attempt. */
  parameters: z.ZodType<TParams>;
  /** Attempts before the task goes to the dead-letter table (default 3). */
  maxAttempts?: number;
  /** The signal aborts an attempt that runs longer (default 10 minutes). */
  timeoutMs?: number;
  /** The returned object becomes the task's output and its dependents' input. */
  run(context: TaskContext<TParams>): Promise<JsonObject | void>;
}

/** One task of a planned workflow. */
export interface PlannedTask {
  /** Unique within the workflow. */
  key: string;
  /** A registered task type. */
  type: string;
  title?: string;
  params?: JsonObject;
  /** Keys of the tasks that must succeed first. */
  dependsOn?: string[];
}

/** A named workflow: parameters in, a task graph out. */
export interface WorkflowDefinition<TParams = any> {
  /** e.g. `scaffolder.create-service`. */
  name: string;
  title: string;
  description?: string;
  parameters: z.ZodType<TParams>;
  /**
   * Whether the Planner notifies the requester and the entity's owners when
   * a workflow of this definition finishes (default true). Agents that tell
   * people themselves, in their own words, turn it off.
   */
  notifyOnFinish?: boolean;
  /**
   * For workflows that bring their entity into the catalog (scaffolding):
   * the entity a request is about and its owner, from the parameters. The
   * Planner then accepts that entityRef before the catalog has the entity
   * (any other entityRef the catalog does not have is refused).
   */
  pendingEntity?(params: TParams): { entityRef: string; ownerRef: string };
  /** The task graph for one request; the Planner validates it (keys, types, cycles, params). */
  plan(
    params: TParams,
    context: { entityRef?: string },
  ): PlannedTask[] | Promise<PlannedTask[]>;
}

/** Thrown by a handler when retrying cannot help (bad input): the task fails at once. */
export class NonRetryableTaskError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableTaskError';
  }
}
