import {
  Page,
  Task,
  TaskAttempt,
  Workflow,
  WorkflowDetails,
  WorkflowEvent,
} from '@agentic-devops/plugin-agentic-common';

export const ENTITY_REF = 'component:default/checkout-service';

export function makeWorkflow(overrides: Partial<Workflow> = {}): Workflow {
  return {
    id: 'wf-1',
    definition: 'deploy-service',
    title: 'Deploy checkout',
    status: 'running',
    parameters: {},
    entityRef: ENTITY_REF,
    requestedBy: 'user:default/guest',
    planSource: 'definition',
    progress: { total: 3, succeeded: 1, failed: 0, running: 1 },
    createdAt: '2025-01-01T10:00:00Z',
    updatedAt: '2025-01-01T10:01:00Z',
    startedAt: '2025-01-01T10:00:00Z',
    ...overrides,
  };
}

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-build',
    workflowId: 'wf-1',
    key: 'build',
    type: 'ci.build',
    title: 'Build image',
    params: {},
    dependsOn: [],
    status: 'succeeded',
    attempts: 1,
    maxAttempts: 3,
    startedAt: '2025-01-01T10:00:00Z',
    finishedAt: '2025-01-01T10:00:30Z',
    ...overrides,
  };
}

export function makeAttempt(overrides: Partial<TaskAttempt> = {}): TaskAttempt {
  return {
    id: 'attempt-1',
    taskId: 'task-build',
    attempt: 1,
    worker: 'backend-a',
    status: 'succeeded',
    startedAt: '2025-01-01T10:00:00Z',
    finishedAt: '2025-01-01T10:00:30Z',
    durationMs: 30_000,
    ...overrides,
  };
}

export function makeEvent(
  overrides: Partial<WorkflowEvent> = {},
): WorkflowEvent {
  return {
    workflowId: 'wf-1',
    seq: 1,
    type: 'workflow.created',
    createdAt: '2025-01-01T10:00:00Z',
    ...overrides,
  };
}

/**
 * A failed workflow of three tasks: build succeeded, test failed after two
 * attempts, deploy was cancelled.
 */
export function makeFailedDetails(
  overrides: Partial<WorkflowDetails> = {},
): WorkflowDetails {
  return {
    ...makeWorkflow({
      status: 'failed',
      progress: { total: 3, succeeded: 1, failed: 1, running: 0 },
      finishedAt: '2025-01-01T10:02:00Z',
      error: 'task test failed',
    }),
    tasks: [
      makeTask(),
      makeTask({
        id: 'task-test',
        key: 'test',
        type: 'ci.test',
        title: 'Run tests',
        dependsOn: ['build'],
        status: 'failed',
        attempts: 2,
        maxAttempts: 2,
        lastError: 'exit code 1: 3 tests failed',
        startedAt: '2025-01-01T10:00:30Z',
        finishedAt: '2025-01-01T10:02:00Z',
      }),
      makeTask({
        id: 'task-deploy',
        key: 'deploy',
        type: 'k8s.deploy',
        title: 'Deploy',
        dependsOn: ['test'],
        status: 'cancelled',
        attempts: 0,
        startedAt: undefined,
        finishedAt: undefined,
      }),
    ],
    attempts: [
      makeAttempt(),
      makeAttempt({
        id: 'attempt-2',
        taskId: 'task-test',
        attempt: 1,
        worker: 'backend-a',
        status: 'lease_expired',
        error: 'lease expired after 30 s',
        durationMs: 30_000,
      }),
      makeAttempt({
        id: 'attempt-3',
        taskId: 'task-test',
        attempt: 2,
        worker: 'backend-b',
        status: 'failed',
        error: 'exit code 1: 3 tests failed',
        durationMs: 45_000,
      }),
    ],
    events: [
      makeEvent(),
      makeEvent({ seq: 2, type: 'task.dead_lettered', taskKey: 'test' }),
    ],
    ...overrides,
  };
}

/** A running workflow: build done, test running, deploy blocked. */
export function makeRunningDetails(
  overrides: Partial<WorkflowDetails> = {},
): WorkflowDetails {
  return {
    ...makeWorkflow(),
    tasks: [
      makeTask(),
      makeTask({
        id: 'task-test',
        key: 'test',
        type: 'ci.test',
        title: 'Run tests',
        dependsOn: ['build'],
        status: 'ready',
        attempts: 1,
        nextAttemptAt: '2099-01-01T00:00:00Z',
        lastError: 'connection reset',
        finishedAt: undefined,
      }),
      makeTask({
        id: 'task-deploy',
        key: 'deploy',
        type: 'k8s.deploy',
        title: 'Deploy',
        dependsOn: ['test'],
        status: 'blocked',
        attempts: 0,
        startedAt: undefined,
        finishedAt: undefined,
      }),
    ],
    attempts: [makeAttempt()],
    events: [makeEvent()],
    ...overrides,
  };
}

export function pageOf<T>(
  items: T[],
  options: { totalCount?: number; offset?: number; limit?: number } = {},
): Page<T> {
  return {
    items,
    totalCount: options.totalCount ?? items.length,
    offset: options.offset ?? 0,
    limit: options.limit ?? 20,
  };
}
