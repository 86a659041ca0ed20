import {
  WorkflowService,
  workflowServiceRef,
} from '@agentic-devops/plugin-agentic-node';
// The Planner itself runs the workflow in this test; a module may depend on
// its plugin for tests.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import plannerPlugin from '@agentic-devops/plugin-planner-backend';
import {
  AuthService,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { notificationService } from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LogEvent } from '@backstage/plugin-scaffolder-common';
import {
  ScaffolderService,
  scaffolderServiceRef,
} from '@backstage/plugin-scaffolder-node';
import { createWorkflowCreateAction } from '../actions/workflowCreate';
import { createWorkflowWaitAction } from '../actions/workflowWait';
import { plannerModuleScaffolding } from './module';
import { MICROSERVICE_TEMPLATE_STEPS } from './scaffoldServiceWorkflow';

jest.setTimeout(60_000);

// ---------------------------------------------------------------------------
// A catalog the test registers entities in while workflows wait for them.

const catalogEntities: Entity[] = [];
const entity = (kind: string, name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
  spec: owner ? { type: 'service', lifecycle: 'experimental', owner } : {},
});
const seedEntities = [
  entity('Group', 'payments-team'),
  entity('Group', 'platform-team'),
];
const find = (ref: string | CompoundEntityRef) => {
  const wanted = (
    typeof ref === 'string' ? ref : stringifyEntityRef(ref)
  ).toLocaleLowerCase('en-US');
  return catalogEntities.find(
    e => stringifyEntityRef(e).toLocaleLowerCase('en-US') === wanted,
  );
};
const catalog = catalogServiceMock.mock({
  getEntityByRef: async ref => find(ref),
  getEntitiesByRefs: async ({ entityRefs }) => ({
    items: entityRefs.map(find),
  }),
});

// ---------------------------------------------------------------------------
// The scaffolder's API as the Planner's tasks see it: template runs whose
// log the test writes as their steps would.

interface FakeRun {
  user: string;
  steps: string[];
  events: LogEvent[];
}
const runs = new Map<string, FakeRun>();
let nextEventId = 1;
function startRun(id: string, user = 'user:default/mock') {
  runs.set(id, {
    user,
    steps: [
      'validate',
      'workflow',
      ...Object.values(MICROSERVICE_TEMPLATE_STEPS).flat(),
      'workflow-done',
    ],
    events: [],
  });
}
function log(
  taskId: string,
  message: string,
  body: { stepId?: string; status?: string } = {},
  type: LogEvent['type'] = 'log',
) {
  runs.get(taskId)!.events.push({
    id: nextEventId++,
    taskId,
    type,
    createdAt: new Date().toISOString(),
    body: { message, ...body } as LogEvent['body'],
  });
}
/** A step that ran and finished, with its lines. */
function step(taskId: string, stepId: string, lines: string[] = []) {
  log(taskId, `Beginning step ${stepId}`, { stepId, status: 'processing' });
  for (const line of lines) log(taskId, line, { stepId });
  log(taskId, `Finished step ${stepId}`, { stepId, status: 'completed' });
}
const skip = (taskId: string, stepId: string) =>
  log(taskId, `Skipping step ${stepId} because its if condition was false`, {
    stepId,
    status: 'skipped',
  });
const scaffolderCalls: string[] = [];
const fakeScaffolder = {
  async getTask({ taskId }: { taskId: string }) {
    scaffolderCalls.push(`getTask ${taskId}`);
    const run = runs.get(taskId);
    if (!run) {
      // As the scaffolder's client throws a 404.
      throw Object.assign(new Error(`No task with id ${taskId}`), {
        name: 'ResponseError',
        statusCode: 404,
      });
    }
    return {
      id: taskId,
      status: 'processing',
      createdAt: new Date().toISOString(),
      spec: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        steps: run.steps.map(id => ({ id, name: id, action: 'x' })),
        output: {},
        parameters: {},
        user: { ref: run.user },
      },
    };
  },
  async getLogs({ taskId, after }: { taskId: string; after?: number }) {
    return runs.get(taskId)!.events.filter(e => e.id > (after ?? 0));
  },
} as unknown as ScaffolderService;

// The scaffolder's side: what the module's actions get from the backend.
let workflows: WorkflowService;
let auth: AuthService;
const scaffolder = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: { workflows: workflowServiceRef, auth: coreServices.auth },
      async init(deps) {
        workflows = deps.workflows;
        auth = deps.auth;
      },
    });
  },
});

const request = {
  name: 'orders-api',
  owner: 'group:default/payments-team',
  language: 'python',
  database: 'postgresql',
};

describe('the scaffold.service workflow', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        plannerPlugin,
        plannerModuleScaffolding,
        scaffolder,
        createServiceFactory({
          service: scaffolderServiceRef,
          deps: {},
          factory: () => fakeScaffolder,
        }),
        schedulerServiceFactory,
        catalog.factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.rootConfig.factory({
          data: {
            planner: {
              worker: {
                pollIntervalMs: 50,
                leaseSeconds: 2,
                heartbeatSeconds: 0.2,
              },
              retry: { initialDelayMs: 20, maxDelayMs: 50 },
            },
          },
        }),
      ],
    });
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    catalogEntities.splice(0, catalogEntities.length, ...seedEntities);
    runs.clear();
    scaffolderCalls.length = 0;
  });

  /** Runs an action like the scaffolder does, on behalf of alice. */
  async function runAction(
    action:
      | ReturnType<typeof createWorkflowCreateAction>
      | ReturnType<typeof createWorkflowWaitAction>,
    input: Record<string, unknown>,
    runId = `run-${Math.random()}`,
  ) {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: input as any,
      logger,
      task: { id: runId },
    });
    const outputs: Record<string, unknown> = {};
    (ctx.output as jest.Mock).mockImplementation((k, v) => {
      outputs[k] = v;
    });
    const lines = () =>
      (['info', 'warn', 'error'] as const).flatMap(level =>
        logger[level].mock.calls.map(c => `${level} ${c[0]}`),
      );
    try {
      await action.handler(ctx as any);
      return { outputs, log: lines() };
    } catch (error) {
      return { outputs, log: lines(), error: error as Error };
    }
  }
  const create = (input: Record<string, unknown>, runId?: string) =>
    runAction(
      createWorkflowCreateAction({ workflows, auth, pollIntervalMs: 50 }),
      input,
      runId,
    );
  const wait = (workflowId: unknown) =>
    runAction(
      createWorkflowWaitAction({ workflows, auth, pollIntervalMs: 50 }),
      {
        workflowId,
      },
    );

  /** The workflow as alice sees it, once `ready` says so. */
  async function until(
    workflowId: string,
    ready: (w: Awaited<ReturnType<WorkflowService['get']>>) => boolean,
  ) {
    const credentials = await auth.getOwnServiceCredentials();
    for (;;) {
      const details = await workflows.get(workflowId, { credentials });
      if (ready(details)) return details;
      await new Promise(r => setTimeout(r, 50));
    }
  }
  const taskDone = (key: string) => (w: { tasks: any[] }) =>
    w.tasks.find(t => t.key === key)?.status === 'succeeded';

  /** Starts the workflow for run `runId` as the template does. */
  const createForRun = (runId: string, parameters: object = request) =>
    create(
      {
        definition: 'scaffold.service',
        parameters,
        entityRef: 'component:default/orders-api',
        passTemplateRun: true,
        waitForTasks: ['validate'],
      },
      runId,
    );

  it('checks the request, then follows the run as it generates, checks policies, publishes and registers, until the catalog has the service', async () => {
    // The entity the workflow brings into the catalog may be named before
    // the catalog has it (the Planner asks the definition); another not.
    const elsewhere = await create({
      definition: 'scaffold.service',
      parameters: request,
      entityRef: 'component:default/payments-api',
      wait: false,
    });
    expect(elsewhere.error?.message).toMatch(/not in the catalog/);

    startRun('run-1');
    const started = await createForRun('run-1');
    expect(started.error).toBeUndefined();
    // The step ended once the request was checked; the workflow runs on.
    expect(started.outputs).toEqual({
      workflowId: expect.any(String),
      link: `/agentic/workflows/${started.outputs.workflowId}`,
      status: 'running',
    });
    expect(started.log).toEqual(
      expect.arrayContaining([
        'info [validate] orders-api: python, postgresql, rest API, owned by group:default/payments-team',
        'info [validate] succeeded',
        `info validate succeeded; the workflow runs on: /agentic/workflows/${started.outputs.workflowId}`,
      ]),
    );
    const workflowId = started.outputs.workflowId as string;

    // The run's steps, as the scaffolder logs them.
    step('run-1', 'fetch-common', ['Writing file catalog-info.yaml']);
    await until(workflowId, w =>
      w.events.some(
        e =>
          e.taskKey === 'generate' &&
          e.message === '[fetch-common] Writing file catalog-info.yaml',
      ),
    );
    expect(
      (await until(workflowId, () => true)).tasks.find(
        t => t.key === 'generate',
      )?.status,
    ).toBe('running');
    step('run-1', 'fetch-language');
    step('run-1', 'policy', ['0 findings in 14 files']);
    step('run-1', 'publish-local', ['Published to file:///r/orders-api']);
    skip('run-1', 'publish-gitlab');
    step('run-1', 'register-local');
    skip('run-1', 'register-gitlab');
    await until(workflowId, taskDone('register'));
    catalogEntities.push(
      entity('Component', 'orders-api', 'group:default/payments-team'),
    );

    const finished = await wait(workflowId);
    expect(finished.error).toBeUndefined();
    expect(finished.outputs.status).toBe('succeeded');
    expect(finished.log).toEqual(
      expect.arrayContaining([
        'info [generate] [fetch-common] Beginning step fetch-common',
        'info [generate] [fetch-language] Finished step fetch-language',
        'info [policy] [policy] 0 findings in 14 files',
        'info [publish] [publish-local] Published to file:///r/orders-api',
        'info [register] succeeded',
        expect.stringMatching(
          /^info \[catalog\] component:default\/orders-api is in the catalog \(after \d+ s\)$/,
        ),
        'info Workflow succeeded: All tasks succeeded',
      ]),
    );
    // Skipped alternatives say nothing.
    expect(finished.log.join('\n')).not.toMatch(/publish-gitlab/);

    const details = await until(workflowId, () => true);
    expect(
      details.tasks.map(t => [t.key, t.type, t.dependsOn, t.output]),
    ).toEqual([
      [
        'validate',
        'scaffold.validate',
        [],
        expect.objectContaining({ entityRef: 'component:default/orders-api' }),
      ],
      [
        'generate',
        'scaffold.template-step',
        ['validate'],
        {
          scaffolderTaskId: 'run-1',
          steps: { 'fetch-common': 'completed', 'fetch-language': 'completed' },
        },
      ],
      [
        'policy',
        'scaffold.template-step',
        ['generate'],
        { scaffolderTaskId: 'run-1', steps: { policy: 'completed' } },
      ],
      [
        'publish',
        'scaffold.template-step',
        ['policy'],
        {
          scaffolderTaskId: 'run-1',
          steps: { 'publish-local': 'completed', 'publish-gitlab': 'skipped' },
        },
      ],
      [
        'register',
        'scaffold.template-step',
        ['publish'],
        {
          scaffolderTaskId: 'run-1',
          steps: {
            'register-local': 'completed',
            'register-gitlab': 'skipped',
          },
        },
      ],
      [
        'catalog',
        'scaffold.await-registration',
        ['register'],
        {
          entityRef: 'component:default/orders-api',
          owner: 'group:default/payments-team',
          uid: 'uid-orders-api',
        },
      ],
    ]);
    expect(details.requestedBy).toBe('user:default/mock');
    expect(details).toMatchObject({
      entityRef: 'component:default/orders-api',
      entityOwnerRef: 'group:default/payments-team',
    });
  });

  it("fails with the failing step's error, and runs none of the later phases", async () => {
    startRun('run-2');
    const { outputs } = await createForRun('run-2');
    const workflowId = outputs.workflowId as string;
    step('run-2', 'fetch-common');
    step('run-2', 'fetch-language');
    step('run-2', 'policy');
    log(
      'run-2',
      "Error: EEXIST: repository folder 'orders-api' exists and is not empty\n    at publish (publishLocal.ts:1:1)",
      { stepId: 'publish-local', status: 'failed' },
    );
    log('run-2', 'Run failed', {}, 'completion');

    const finished = await wait(workflowId);
    expect(finished.outputs.status).toBe('failed');
    expect(finished.error?.message).toBe(
      `Workflow Scaffold a service (${workflowId}) failed: Publish the repository [publish]: Step publish-local failed: EEXIST: repository folder 'orders-api' exists and is not empty (/agentic/workflows/${workflowId})`,
    );
    const details = await until(workflowId, () => true);
    expect(
      Object.fromEntries(details.tasks.map(t => [t.key, t.status])),
    ).toEqual({
      validate: 'succeeded',
      generate: 'succeeded',
      policy: 'succeeded',
      publish: 'failed',
      register: expect.not.stringMatching(/succeeded|running/),
      catalog: expect.not.stringMatching(/succeeded|running/),
    });
  });

  it('fails when the run ends before its steps, and refuses a run another user started or one without the steps', async () => {
    startRun('run-3');
    const cancelled = await createForRun('run-3');
    log('run-3', 'Step fetch-common has been cancelled.', {
      stepId: 'fetch-common',
      status: 'cancelled',
    });
    const first = await wait(cancelled.outputs.workflowId);
    expect(first.error?.message).toMatch(
      /\[generate\]: Step fetch-common was cancelled: Step fetch-common has been cancelled\./,
    );

    startRun('run-4');
    const ended = await createForRun('run-4');
    log('run-4', 'Run completed', {}, 'completion');
    const second = await wait(ended.outputs.workflowId);
    expect(second.error?.message).toMatch(
      /\[generate\]: Template run run-4 ended before fetch-common, fetch-language finished: Run completed/,
    );

    startRun('run-5', 'user:default/eve');
    const eves = await createForRun('run-5');
    expect((await wait(eves.outputs.workflowId)).error?.message).toMatch(
      /\[generate\]: Template run run-5 was not started by user:default\/mock/,
    );

    startRun('run-6');
    runs.get('run-6')!.steps = ['validate', 'workflow', 'fetch-common'];
    const other = await createForRun('run-6');
    expect((await wait(other.outputs.workflowId)).error?.message).toMatch(
      /\[generate\]: Template run run-6 has no step fetch-language/,
    );

    const unknown = await createForRun('run-404');
    expect((await wait(unknown.outputs.workflowId)).error?.message).toMatch(
      /\[generate\]: No template run run-404/,
    );
  });

  it('without a run, checks the request and waits in the same step for a service already registered', async () => {
    catalogEntities.push(
      entity('Component', 'orders-api', 'group:default/payments-team'),
    );
    const { outputs, error } = await create({
      definition: 'scaffold.service',
      parameters: request,
    });
    expect(error).toBeUndefined();
    expect(outputs.status).toBe('succeeded');
    const details = await until(outputs.workflowId as string, () => true);
    expect(details.tasks.map(t => t.key)).toEqual(['validate', 'catalog']);
    expect(scaffolderCalls).toEqual([]);
  });

  it('refuses to wait for a task the workflow does not have', async () => {
    const { error } = await create({
      definition: 'scaffold.service',
      parameters: request,
      waitForTasks: ['validate', 'deploy'],
    });
    expect(error?.message).toMatch(
      /^Workflow .* has no task deploy to wait for \(it has validate, catalog\)$/,
    );
  });

  it('refuses a bad request when it is created, naming the problem', async () => {
    const { error } = await create({
      definition: 'scaffold.service',
      parameters: { ...request, name: 'Orders API', language: 'rust' },
    });
    expect(error?.message).toMatch(
      /^Could not start workflow scaffold.service: .*Invalid parameters for 'scaffold.service': .*must be kebab-case.*unknown language 'rust': choose one of python, nodejs, go/,
    );
  });

  it("fails at validate on an owner the catalog does not have, or a name another owner's entity has", async () => {
    const ghost = await create({
      definition: 'scaffold.service',
      parameters: { ...request, owner: 'group:default/ghosts' },
    });
    expect(ghost.error?.message).toMatch(
      /\[validate\]: Cannot create the service: owner group:default\/ghosts is not in the catalog/,
    );

    catalogEntities.push(
      entity('API', 'orders-api', 'group:default/platform-team'),
    );
    const taken = await create({
      definition: 'scaffold.service',
      parameters: request,
    });
    expect(taken.error?.message).toMatch(
      /\[validate\]: Cannot create the service: 'orders-api' is already used by api:default\/orders-api, owned by group:default\/platform-team/,
    );
  });

  it('fails when another owner registers the name meanwhile, or nobody registers it in time', async () => {
    const started = await create({
      definition: 'scaffold.service',
      parameters: request,
      wait: false,
    });
    await until(started.outputs.workflowId as string, taskDone('validate'));
    catalogEntities.push(
      entity('Component', 'orders-api', 'group:default/platform-team'),
    );
    const finished = await wait(started.outputs.workflowId);
    expect(finished.error?.message).toMatch(
      /\[catalog\]: component:default\/orders-api is in the catalog, but owned by group:default\/platform-team rather than group:default\/payments-team/,
    );

    const late = await create({
      definition: 'scaffold.service',
      parameters: {
        ...request,
        name: 'late-api',
        registrationTimeoutMinutes: 0.02,
      },
    });
    expect(late.error?.message).toMatch(
      /\[catalog\]: component:default\/late-api was not registered in the catalog within 0.02 minutes/,
    );
  });

  it('gives up waiting at the time limit, leaving the workflow running', async () => {
    const { outputs, error } = await create({
      definition: 'scaffold.service',
      parameters: { ...request, name: 'slow-api' },
      timeoutMinutes: 0.02,
    });
    expect(error?.message).toBe(
      `Workflow ${outputs.workflowId} did not finish within 0.02 minutes; it keeps running: /agentic/workflows/${outputs.workflowId}`,
    );
    const credentials = await auth.getOwnServiceCredentials();
    expect(
      (await workflows.get(outputs.workflowId as string, { credentials }))
        .status,
    ).toBe('running');
    await workflows.cancel(outputs.workflowId as string, { credentials });
  });
});
