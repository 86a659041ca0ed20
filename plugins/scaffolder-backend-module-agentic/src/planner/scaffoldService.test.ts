import {
  NonRetryableTaskError,
  plannerExtensionPoint,
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
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { notificationService } from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { z } from 'zod';
import { createWorkflowCreateAction } from '../actions/workflowCreate';
import { createWorkflowWaitAction } from '../actions/workflowWait';
import { plannerModuleScaffolding } from './module';

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
// policy.check as the Policy agent's planner module provides it, faked.

const policyChecks: unknown[] = [];
const policyModule = createBackendModule({
  pluginId: 'planner',
  moduleId: 'fake-policy',
  register(env) {
    env.registerInit({
      deps: { planner: plannerExtensionPoint },
      async init({ planner }) {
        planner.addTaskHandler({
          type: 'policy.check',
          title: 'Check policies',
          parameters: z.strictObject({
            path: z.string(),
            entityRef: z.string().optional(),
            failOn: z.string().optional(),
          }),
          async run({ params }) {
            policyChecks.push(params);
            if (params.path.includes('insecure')) {
              throw new NonRetryableTaskError(
                '1 policy finding at high or above: high docker-root-user at Dockerfile:1',
              );
            }
            return { findings: 0 };
          },
        });
      },
    });
  },
});

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
  const workspaces = createMockDirectory({
    content: { 'run-1/Dockerfile': 'FROM x', 'insecure/Dockerfile': 'FROM x' },
  });
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        plannerPlugin,
        plannerModuleScaffolding,
        policyModule,
        scaffolder,
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
    policyChecks.length = 0;
  });

  /** Runs an action like the scaffolder does, on behalf of alice. */
  async function runAction(
    action:
      | ReturnType<typeof createWorkflowCreateAction>
      | ReturnType<typeof createWorkflowWaitAction>,
    input: Record<string, unknown>,
    workspacePath = workspaces.resolve('run-1'),
  ) {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: input as any,
      logger,
      workspacePath,
      task: { id: `task-${Math.random()}` },
    });
    const outputs: Record<string, unknown> = {};
    (ctx.output as jest.Mock).mockImplementation((k, v) => {
      outputs[k] = v;
    });
    const log = () =>
      (['info', 'warn', 'error'] as const).flatMap(level =>
        logger[level].mock.calls.map(c => `${level} ${c[0]}`),
      );
    try {
      await action.handler(ctx as any);
      return { outputs, log: log() };
    } catch (error) {
      return { outputs, log: log(), error: error as Error };
    }
  }
  const create = (input: Record<string, unknown>, workspacePath?: string) =>
    runAction(
      createWorkflowCreateAction({ workflows, auth, pollIntervalMs: 50 }),
      input,
      workspacePath,
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

  it('checks the request, waits until the service is registered, then checks its files for the new entity', async () => {
    // The entity the workflow brings into the catalog may be named before
    // the catalog has it (the Planner asks the definition); another not.
    const elsewhere = await create({
      definition: 'scaffold.service',
      parameters: request,
      entityRef: 'component:default/payments-api',
      wait: false,
    });
    expect(elsewhere.error?.message).toMatch(/not in the catalog/);
    const started = await create({
      definition: 'scaffold.service',
      parameters: request,
      entityRef: 'component:default/orders-api',
      passWorkspacePath: true,
      wait: false,
    });
    expect(started.error).toBeUndefined();
    expect(started.outputs).toEqual({
      workflowId: expect.any(String),
      link: `/agentic/workflows/${started.outputs.workflowId}`,
      status: 'pending',
    });
    const workflowId = started.outputs.workflowId as string;

    // Meanwhile the template publishes and registers the service.
    await until(
      workflowId,
      w => w.tasks.find(t => t.key === 'register')?.status === 'running',
    );
    catalogEntities.push(
      entity('Component', 'orders-api', 'group:default/payments-team'),
    );

    const finished = await wait(workflowId);
    expect(finished.error).toBeUndefined();
    expect(finished.outputs.status).toBe('succeeded');
    expect(finished.log).toEqual(
      expect.arrayContaining([
        `info Waiting for workflow ${workflowId}: /agentic/workflows/${workflowId}`,
        'info [validate] started',
        'info [validate] orders-api: python, postgresql, rest API, owned by group:default/payments-team',
        'info [register] Waiting for component:default/orders-api to be registered in the catalog',
        expect.stringMatching(
          /^info \[register\] component:default\/orders-api is in the catalog \(after \d+ s\)$/,
        ),
        'info [policy] succeeded',
        'info Workflow succeeded: All tasks succeeded',
      ]),
    );
    expect(policyChecks).toEqual([
      {
        path: workspaces.resolve('run-1'),
        entityRef: 'component:default/orders-api',
        failOn: 'high',
      },
    ]);
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
        'register',
        'scaffold.await-registration',
        ['validate'],
        {
          entityRef: 'component:default/orders-api',
          owner: 'group:default/payments-team',
          uid: 'uid-orders-api',
        },
      ],
      ['policy', 'policy.check', ['register'], { findings: 0 }],
    ]);
    expect(details.requestedBy).toBe('user:default/mock');
    expect(details).toMatchObject({
      entityRef: 'component:default/orders-api',
      entityOwnerRef: 'group:default/payments-team',
    });
  });

  it('waits in the same step for a service already registered, and leaves the policy check out without a workspace', async () => {
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
    expect(details.tasks.map(t => t.key)).toEqual(['validate', 'register']);
    expect(policyChecks).toEqual([]);
  });

  it('fails the step with the policy finding that failed the workflow', async () => {
    catalogEntities.push(
      entity('Component', 'orders-api', 'group:default/payments-team'),
    );
    const { outputs, error, log } = await create(
      {
        definition: 'scaffold.service',
        parameters: request,
        passWorkspacePath: true,
      },
      workspaces.resolve('insecure'),
    );
    expect(outputs.status).toBe('failed');
    expect(error?.message).toBe(
      `Workflow Scaffold a service (${outputs.workflowId}) failed: Check the generated files against the policies [policy]: 1 policy finding at high or above: high docker-root-user at Dockerfile:1 (/agentic/workflows/${outputs.workflowId})`,
    );
    expect(log).toContain(
      'error [policy] failed: 1 policy finding at high or above: high docker-root-user at Dockerfile:1',
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
      /\[register\]: component:default\/orders-api is in the catalog, but owned by group:default\/platform-team rather than group:default\/payments-team/,
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
      /\[register\]: component:default\/late-api was not registered in the catalog within 0.02 minutes/,
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
