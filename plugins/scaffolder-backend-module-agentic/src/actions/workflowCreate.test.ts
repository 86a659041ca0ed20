import {
  Workflow,
  WorkflowDetails,
  WorkflowEvent,
} from '@agentic-devops/plugin-agentic-common';
import { WorkflowService } from '@agentic-devops/plugin-agentic-node';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createWorkflowCreateAction } from './workflowCreate';

const now = '2026-11-25T10:00:00.000Z';
const workflow: Workflow = {
  id: 'wf-1',
  definition: 'scaffold.service',
  title: 'Scaffold a service',
  status: 'pending',
  parameters: {},
  requestedBy: 'user:default/alice',
  planSource: 'definition',
  progress: { total: 2, succeeded: 0, failed: 0, running: 0 },
  createdAt: now,
  updatedAt: now,
};

const event = (
  seq: number,
  type: WorkflowEvent['type'],
  more: Partial<WorkflowEvent> = {},
): WorkflowEvent => ({
  workflowId: 'wf-1',
  seq,
  type,
  createdAt: now,
  ...more,
});

const task = (key: string, more: Partial<WorkflowDetails['tasks'][0]>) => ({
  id: `t-${key}`,
  workflowId: 'wf-1',
  key,
  type: `scaffold.${key}`,
  title: `The ${key} task`,
  params: {},
  dependsOn: [],
  status: 'succeeded' as const,
  attempts: 1,
  maxAttempts: 3,
  ...more,
});

function details(
  status: WorkflowDetails['status'],
  tasks: WorkflowDetails['tasks'],
): WorkflowDetails {
  return { ...workflow, status, tasks, attempts: [], events: [] };
}

/** A Planner that replays `events` and ends with `final`. */
function fakeWorkflows(
  final: WorkflowDetails,
  events: WorkflowEvent[] = [],
  created = true,
): jest.Mocked<WorkflowService> {
  return {
    create: jest.fn(async () => ({ workflow, created })),
    get: jest.fn(async () => final),
    list: jest.fn(),
    cancel: jest.fn(async () => ({ ...workflow, status: 'cancelled' })),
    waitForCompletion: jest.fn(async (_id, options) => {
      for (const e of events) await options.onEvent?.(e);
      return final;
    }),
  } as unknown as jest.Mocked<WorkflowService>;
}

describe('agentic:workflow:create', () => {
  const auth = mockServices.auth();
  let logger: ReturnType<typeof mockServices.logger.mock>;
  beforeEach(() => {
    logger = mockServices.logger.mock();
  });

  const run = (
    workflows: WorkflowService,
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        logger,
        workspacePath: '/tmp/workspace-1',
        task: { id: 'task-1' },
      }),
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/alice'),
      ...extra,
    };
    const action = createWorkflowCreateAction({ workflows, auth });
    return { ctx, done: action.handler(ctx as any) };
  };
  const lines = (level: 'info' | 'warn' | 'error') =>
    logger[level].mock.calls.map(c => String(c[0]));

  it("starts the workflow as the run's user, keyed to the run and step, and logs its progress as it happens", async () => {
    const workflows = fakeWorkflows(
      details('succeeded', [task('validate', {})]),
      [
        event(1, 'workflow.created', { message: 'Scaffold a service' }),
        event(2, 'task.ready', { taskKey: 'validate' }),
        event(3, 'workflow.started'),
        event(4, 'task.started', { taskKey: 'validate', data: { attempt: 1 } }),
        event(5, 'task.progress', {
          taskKey: 'validate',
          message: 'orders-api: go, none, rest API',
        }),
        event(6, 'task.retry_scheduled', {
          taskKey: 'validate',
          message: 'catalog unavailable',
        }),
        event(7, 'task.started', { taskKey: 'validate', data: { attempt: 2 } }),
        event(8, 'task.succeeded', { taskKey: 'validate' }),
        event(9, 'workflow.succeeded', { message: 'All tasks succeeded' }),
      ],
    );
    const { ctx, done } = run(workflows, {
      definition: 'scaffold.service',
      parameters: { name: 'orders-api' },
      entityRef: 'component:default/orders-api',
      passTemplateRun: true,
    });
    await done;

    expect(workflows.create).toHaveBeenCalledWith(
      {
        definition: 'scaffold.service',
        parameters: { name: 'orders-api', scaffolderTaskId: 'task-1' },
        entityRef: 'component:default/orders-api',
        idempotencyKey: 'scaffolder:task-1:mock-step-id',
        title: undefined,
      },
      { credentials: mockCredentials.user('user:default/alice') },
    );
    expect(workflows.waitForCompletion).toHaveBeenCalledWith(
      'wf-1',
      expect.objectContaining({
        credentials: mockCredentials.user('user:default/alice'),
        timeoutMs: 10 * 60_000,
      }),
    );
    expect(lines('info')).toEqual([
      'Started workflow Scaffold a service (wf-1) as user:default/alice: /agentic/workflows/wf-1',
      'Workflow started',
      '[validate] started',
      '[validate] orders-api: go, none, rest API',
      '[validate] started (attempt 2)',
      '[validate] succeeded',
      'Workflow succeeded: All tasks succeeded',
    ]);
    expect(lines('warn')).toEqual([
      '[validate] failed, retrying: catalog unavailable',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('workflowId', 'wf-1');
    expect(ctx.output).toHaveBeenCalledWith('link', '/agentic/workflows/wf-1');
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
  });

  it("fails the step with the failing task's error", async () => {
    const workflows = fakeWorkflows(
      details('failed', [
        task('validate', {}),
        task('policy', {
          status: 'failed',
          lastError:
            '1 policy finding at high or above: high docker-root-user at Dockerfile:1',
        }),
      ]),
      [
        event(1, 'task.dead_lettered', {
          taskKey: 'policy',
          message: 'high docker-root-user at Dockerfile:1',
        }),
      ],
    );
    const { ctx, done } = run(workflows, { definition: 'scaffold.service' });
    await expect(done).rejects.toThrow(
      'Workflow Scaffold a service (wf-1) failed: The policy task [policy]: 1 policy finding at high or above: high docker-root-user at Dockerfile:1 (/agentic/workflows/wf-1)',
    );
    expect(lines('error')).toEqual([
      '[policy] failed: high docker-root-user at Dockerfile:1',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('status', 'failed');
  });

  it('returns right after creating with wait: false, and follows the same workflow when the step runs again', async () => {
    const workflows = fakeWorkflows(details('succeeded', []), [], false);
    const { ctx, done } = run(workflows, {
      definition: 'scaffold.service',
      idempotencyKey: 'orders-api-1',
      wait: false,
      entityRef: '',
      title: '',
    });
    await done;
    expect(workflows.create).toHaveBeenCalledWith(
      {
        definition: 'scaffold.service',
        parameters: {},
        idempotencyKey: 'orders-api-1',
      },
      expect.anything(),
    );
    expect(workflows.waitForCompletion).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('status', 'pending');
    expect(lines('info')).toEqual([
      'Workflow Scaffold a service (wf-1) was started earlier by this run (idempotency key orders-api-1): /agentic/workflows/wf-1',
    ]);
  });

  it("uses the run's token when the initiator credentials are not a user's, else the module's own credentials", async () => {
    const none = {
      getInitiatorCredentials: async () => mockCredentials.none(),
    };
    const byToken = fakeWorkflows(details('succeeded', []));
    await run(
      byToken,
      { definition: 'core.noop', wait: false },
      {
        ...none,
        secrets: {
          backstageToken: mockCredentials.user.token('user:default/bob'),
        },
      },
    ).done;
    expect(byToken.create.mock.calls[0][1].credentials).toEqual(
      mockCredentials.user('user:default/bob'),
    );

    const asService = fakeWorkflows(details('succeeded', []));
    await run(asService, { definition: 'core.noop', wait: false }, none).done;
    expect(asService.create.mock.calls[0][1].credentials.principal).toEqual(
      expect.objectContaining({ type: 'service' }),
    );
    expect(lines('info')[1]).toMatch(
      /as the scaffolder \(no user credentials in this run\)/,
    );
  });

  it('says which workflow could not be started, and why', async () => {
    const workflows = fakeWorkflows(details('succeeded', []));
    workflows.create.mockRejectedValue(
      new Error(
        "Invalid parameters for 'scaffold.service': name: must be kebab-case",
      ),
    );
    await expect(
      run(workflows, { definition: 'scaffold.service' }).done,
    ).rejects.toThrow(
      "Could not start workflow scaffold.service: Invalid parameters for 'scaffold.service': name: must be kebab-case",
    );
  });

  it('cancels the workflow when the template run is cancelled', async () => {
    const workflows = fakeWorkflows(details('succeeded', []));
    const abort = new AbortController();
    workflows.waitForCompletion.mockImplementation(async () => {
      abort.abort(new Error('cancelled by alice'));
      throw new Error('cancelled by alice');
    });
    await expect(
      run(workflows, { definition: 'core.noop' }, { signal: abort.signal })
        .done,
    ).rejects.toThrow('cancelled by alice');
    expect(workflows.cancel).toHaveBeenCalledWith('wf-1', {
      credentials: mockCredentials.user('user:default/alice'),
    });
  });
});
