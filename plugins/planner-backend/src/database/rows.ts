import {
  DeadLetter,
  Task,
  TaskAttempt,
  Workflow,
  WorkflowEvent,
} from '@agentic-devops/plugin-agentic-common';
import { JsonObject } from '@backstage/types';

// Row shapes of the migrations. Times are epoch ms; PostgreSQL returns
// bigint columns as strings, hence the Number() conversions below.

export type WorkflowRow = {
  id: string;
  definition: string;
  title: string;
  status: Workflow['status'];
  parameters: string;
  entity_ref: string | null;
  entity_owner_ref: string | null;
  requested_by: string;
  idempotency_key: string | null;
  plan_source: Workflow['planSource'];
  error: string | null;
  tasks_total: number;
  tasks_succeeded: number;
  tasks_failed: number;
  tasks_running: number;
  last_event_seq: number;
  created_at: number | string;
  updated_at: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
};

export type TaskRow = {
  id: string;
  workflow_id: string;
  key: string;
  type: string;
  title: string;
  params: string;
  depends_on: string;
  dependents: string;
  deps_remaining: number;
  position: number;
  status: Task['status'];
  attempts: number;
  max_attempts: number;
  run_after: number | string;
  lease_owner: string | null;
  lease_expires_at: number | string | null;
  cancel_requested: boolean | number;
  output: string | null;
  last_error: string | null;
  created_at: number | string;
  updated_at: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
};

export type AttemptRow = {
  id: string;
  task_id: string;
  workflow_id: string;
  attempt: number;
  worker: string;
  status: TaskAttempt['status'];
  error: string | null;
  started_at: number | string;
  finished_at: number | string | null;
};

export type EventRow = {
  id: number | string;
  workflow_id: string;
  seq: number;
  type: WorkflowEvent['type'];
  task_key: string | null;
  message: string | null;
  data: string | null;
  created_at: number | string;
};

export type DeadLetterRow = {
  id: string;
  task_id: string;
  workflow_id: string;
  task_key: string;
  type: string;
  error: string;
  attempts: number;
  created_at: number | string;
  replayed_at: number | string | null;
  replayed_by: string | null;
};

export const ms = (value: number | string | null | undefined) =>
  value === null || value === undefined ? undefined : Number(value);

const iso = (value: number | string | null | undefined) => {
  const n = ms(value);
  return n === undefined ? undefined : new Date(n).toISOString();
};

const json = (text: string | null): JsonObject | undefined =>
  text === null ? undefined : JSON.parse(text);

const opt = <T>(value: T | null): T | undefined =>
  value === null ? undefined : value;

export function toWorkflow(row: WorkflowRow): Workflow {
  return {
    id: row.id,
    definition: row.definition,
    title: row.title,
    status: row.status,
    parameters: json(row.parameters) ?? {},
    entityRef: opt(row.entity_ref),
    entityOwnerRef: opt(row.entity_owner_ref),
    requestedBy: row.requested_by,
    idempotencyKey: opt(row.idempotency_key),
    planSource: row.plan_source,
    progress: {
      total: Number(row.tasks_total),
      succeeded: Number(row.tasks_succeeded),
      failed: Number(row.tasks_failed),
      running: Number(row.tasks_running),
    },
    error: opt(row.error),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    key: row.key,
    type: row.type,
    title: row.title,
    params: json(row.params) ?? {},
    dependsOn: JSON.parse(row.depends_on),
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    nextAttemptAt:
      row.status === 'ready' && Number(row.attempts) > 0
        ? iso(row.run_after)
        : undefined,
    output: json(row.output),
    lastError: opt(row.last_error),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export function toAttempt(row: AttemptRow): TaskAttempt {
  const started = ms(row.started_at)!;
  const finished = ms(row.finished_at);
  return {
    id: row.id,
    taskId: row.task_id,
    attempt: Number(row.attempt),
    worker: row.worker,
    status: row.status,
    error: opt(row.error),
    startedAt: iso(started)!,
    finishedAt: iso(finished),
    durationMs: finished === undefined ? undefined : finished - started,
  };
}

export function toEvent(row: EventRow): WorkflowEvent {
  return {
    workflowId: row.workflow_id,
    seq: Number(row.seq),
    type: row.type,
    taskKey: opt(row.task_key),
    message: opt(row.message),
    data: json(row.data),
    createdAt: iso(row.created_at)!,
  };
}

export function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    taskId: row.task_id,
    taskKey: row.task_key,
    type: row.type,
    error: row.error,
    attempts: Number(row.attempts),
    createdAt: iso(row.created_at)!,
    replayedAt: iso(row.replayed_at),
    replayedBy: opt(row.replayed_by),
  };
}
