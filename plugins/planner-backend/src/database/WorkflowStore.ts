import {
  DeadLetter,
  Page,
  TaskStatus,
  Workflow,
  WorkflowDetails,
  WorkflowEvent,
  WorkflowEventType,
  WorkflowStatus,
} from '@agentic-devops/plugin-agentic-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { TaskContext } from '@agentic-devops/plugin-agentic-node';

/** What a permission condition can filter workflows on (see permissions/rules.ts). */
export type WorkflowQuery = {
  key: 'entityOwnerRef' | 'requestedBy' | 'entityRef';
  values: string[];
};

export interface NewTask {
  key: string;
  type: string;
  title: string;
  params: JsonObject;
  dependsOn: string[];
  maxAttempts: number;
}

export interface NewWorkflow {
  definition: string;
  title: string;
  parameters: JsonObject;
  entityRef?: string;
  entityOwnerRef?: string;
  requestedBy: string;
  idempotencyKey?: string;
  planSource: Workflow['planSource'];
  tasks: NewTask[];
}

/** A task this worker holds a lease on, for one attempt. */
export interface ClaimedTask {
  id: string;
  workflowId: string;
  key: string;
  type: string;
  params: JsonObject;
  attempt: number;
  maxAttempts: number;
  worker: string;
  workflow: TaskContext['workflow'];
  /** Outputs of the dependencies, by key. */
  inputs: Record<string, JsonObject>;
}

/** The result of a state change, for signals and notifications. */
export interface WorkflowChange {
  workflowId: string;
  entityRef?: string;
  status: WorkflowStatus;
  lastEvent: { seq: number; type: WorkflowEventType };
  /** Set when this change finished the workflow. */
  finished?: WorkflowStatus;
}

export type FailureOutcome = 'retry' | 'dead' | 'lost';

export interface ListWorkflowsFilter {
  entityRef?: string;
  status?: WorkflowStatus[];
  definition?: string;
  /** From a conditional permission decision. */
  permission?: PermissionCriteria<WorkflowQuery>;
  offset: number;
  limit: number;
}

export interface ListDeadLettersFilter {
  workflowId?: string;
  includeReplayed?: boolean;
  permission?: PermissionCriteria<WorkflowQuery>;
  offset: number;
  limit: number;
}

/** The Planner's durable state; every method is one transaction. */
export interface WorkflowStore {
  /**
   * Inserts a workflow with all its tasks and first events. With an
   * idempotency key already used, returns that workflow instead.
   */
  createWorkflow(
    input: NewWorkflow,
  ): Promise<{ workflow: Workflow; created: boolean; change?: WorkflowChange }>;
  getWorkflow(id: string): Promise<Workflow | undefined>;
  getWorkflows(ids: string[]): Promise<Array<Workflow | undefined>>;
  getWorkflowDetails(id: string): Promise<WorkflowDetails | undefined>;
  listWorkflows(filter: ListWorkflowsFilter): Promise<Page<Workflow>>;
  listEvents(
    workflowId: string,
    afterSeq: number,
    limit: number,
  ): Promise<WorkflowEvent[]>;

  /** Claims up to `limit` ready tasks for `worker`, each for a new attempt under a lease. */
  claimTasks(
    worker: string,
    limit: number,
    leaseMs: number,
  ): Promise<{ claims: ClaimedTask[]; changes: WorkflowChange[] }>;
  /**
   * Extends the leases this worker holds. Returns the tasks it no longer
   * holds (lease lost) and those whose workflow was cancelled.
   */
  heartbeat(
    worker: string,
    claims: Array<{ id: string; attempt: number }>,
    leaseMs: number,
  ): Promise<{ lost: string[]; cancelRequested: string[] }>;
  /** Records success; false (and nothing written) when the lease was lost. */
  completeTask(
    claim: ClaimedTask,
    output: JsonObject,
  ): Promise<{ ok: boolean; change?: WorkflowChange }>;
  /** Records a failed attempt: schedules a retry at `retryAt`, or dead-letters the task. */
  failTask(
    claim: ClaimedTask,
    error: string,
    retryAt: number | undefined,
  ): Promise<{ outcome: FailureOutcome; change?: WorkflowChange }>;
  /** Records an attempt ended because its workflow was cancelled. */
  recordCancelled(claim: ClaimedTask): Promise<{ change?: WorkflowChange }>;
  /** Ends attempts whose lease expired (their worker died or hung): retry or dead-letter. */
  expireLeases(
    limit: number,
    retryAt: (attempt: number) => number,
  ): Promise<WorkflowChange[]>;
  appendProgress(
    claim: ClaimedTask,
    message: string,
    data?: JsonObject,
  ): Promise<WorkflowChange | undefined>;

  cancelWorkflow(
    id: string,
    actor: string,
  ): Promise<{ workflow: Workflow; change?: WorkflowChange }>;
  /** Puts a failed task back in the queue with `extraAttempts` more attempts (retry or dead-letter replay). */
  requeueTask(
    workflowId: string,
    taskId: string,
    actor: string,
    extraAttempts: number,
  ): Promise<{ workflow: Workflow; change: WorkflowChange }>;
  listDeadLetters(filter: ListDeadLettersFilter): Promise<Page<DeadLetter>>;
  getDeadLetter(id: string): Promise<DeadLetter | undefined>;
}

/** Task statuses a workflow can still make progress from. */
export const ACTIVE_TASK_STATUSES: TaskStatus[] = ['ready', 'running'];
