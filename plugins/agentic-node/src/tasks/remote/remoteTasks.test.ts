import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { z } from 'zod';
import { NonRetryableTaskError, TaskContext, TaskHandler } from '../types';
import { createRemoteTaskHandler } from './createRemoteTaskHandler';
import {
  createRemoteTaskRouter,
  RemoteTaskStep,
} from './createRemoteTaskRouter';

const params = z.object({ n: z.number() });

const polls = new Map<number, number>();
const steps: RemoteTaskStep[] = [
  {
    type: 'test.double',
    parameters: params,
    run: async ({ n }, req) => ({
      status: 'done',
      output: {
        doubled: n * 2,
        attempt: req.task.attempt,
        by: req.workflow.requestedBy,
      },
    }),
  },
  {
    type: 'test.wait',
    parameters: params,
    run: async ({ n }) => {
      const count = (polls.get(n) ?? 0) + 1;
      polls.set(n, count);
      return count < 3
        ? {
            status: 'waiting',
            retryAfterMs: 10,
            message: `poll ${count < 2 ? 1 : 2}`,
          }
        : { status: 'done', output: { polls: count } };
    },
  },
  {
    type: 'test.refuse',
    parameters: params,
    run: async () => {
      throw new NonRetryableTaskError('this can never work');
    },
  },
  {
    type: 'test.crash',
    parameters: params,
    run: async () => {
      throw new Error('database is down');
    },
  },
];

/** Handlers built by a plugin with the given id, calling the `worker` plugin. */
function callerPlugin(pluginId: string, sink: Map<string, TaskHandler>) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { auth: coreServices.auth, discovery: coreServices.discovery },
        async init({ auth, discovery }) {
          for (const type of [
            'test.double',
            'test.wait',
            'test.refuse',
            'test.crash',
            'test.unknown',
          ]) {
            sink.set(
              type,
              createRemoteTaskHandler({
                type,
                title: type,
                parameters: z.any(),
                pluginId: 'worker',
                auth,
                discovery,
              }),
            );
          }
        },
      });
    },
  });
}

const workerPlugin = createBackendPlugin({
  pluginId: 'worker',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
      },
      async init({ httpRouter, httpAuth, logger }) {
        httpRouter.use(createRemoteTaskRouter({ httpAuth, logger, steps }));
      },
    });
  },
});

function context(taskParams: unknown, progress: string[] = []): TaskContext {
  return {
    params: taskParams,
    workflow: {
      id: 'wf-1',
      definition: 'test.def',
      parameters: {},
      requestedBy: 'user:default/alice',
    },
    task: { id: 't-1', key: 'k', type: 'x', attempt: 2, maxAttempts: 3 },
    inputs: {},
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
    progress: async message => {
      progress.push(message);
    },
  };
}

describe('remote task handlers', () => {
  const planner = new Map<string, TaskHandler>();
  const other = new Map<string, TaskHandler>();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        workerPlugin,
        callerPlugin('planner', planner),
        callerPlugin('scaffolder', other),
      ],
    });
  });
  afterAll(() => backend.stop());

  it('runs a step in the owning plugin and returns its output', async () => {
    await expect(
      planner.get('test.double')!.run(context({ n: 21 })),
    ).resolves.toEqual({
      doubled: 42,
      attempt: 2,
      by: 'user:default/alice',
    });
  });

  it('asks again while the step is waiting, reporting each new message once', async () => {
    const progress: string[] = [];
    await expect(
      planner.get('test.wait')!.run(context({ n: 1 }, progress)),
    ).resolves.toEqual({ polls: 3 });
    expect(progress).toEqual(['poll 1', 'poll 2']);
  });

  it('fails at once when the step says retrying cannot help, or the input is invalid', async () => {
    const refused = planner.get('test.refuse')!.run(context({ n: 1 }));
    await expect(refused).rejects.toBeInstanceOf(NonRetryableTaskError);
    await expect(refused).rejects.toThrow(/this can never work/);
    const invalid = planner.get('test.double')!.run(context({ n: 'x' }));
    await expect(invalid).rejects.toBeInstanceOf(NonRetryableTaskError);
    await expect(invalid).rejects.toThrow(/n/);
    await expect(
      planner.get('test.unknown')!.run(context({ n: 1 })),
    ).rejects.toThrow(/No task type test.unknown/);
  });

  it('leaves other failures to the retries', async () => {
    const crash = planner.get('test.crash')!.run(context({ n: 1 }));
    await expect(crash).rejects.toThrow(/database is down|Internal/);
    await expect(crash).rejects.not.toBeInstanceOf(NonRetryableTaskError);
  });

  it('serves only the Planner', async () => {
    await expect(
      other.get('test.double')!.run(context({ n: 1 })),
    ).rejects.toThrow(/plugin:scaffolder may not run tasks here/);
    const asUser = await request(backend.server)
      .post('/api/worker/tasks/test.double')
      .set('Authorization', mockCredentials.user.header())
      .send({});
    expect(asUser.status).toBe(403);
  });
});
