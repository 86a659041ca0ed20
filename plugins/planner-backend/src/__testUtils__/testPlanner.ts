import {
  createBackendModule,
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  NonRetryableTaskError,
  plannerExtensionPoint,
  TaskHandler,
} from '@agentic-devops/plugin-agentic-node';
import { Entity } from '@backstage/catalog-model';
import { z } from 'zod';
import { plannerPlugin } from '../plugin';

export const exampleEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-service',
      namespace: 'default',
      description: 'Checkout',
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront', namespace: 'default' },
    spec: {
      type: 'website',
      lifecycle: 'experimental',
      owner: 'group:default/platform-team',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-team' }],
  },
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

/** Fails until it has been called `failures` times (counted per test run). */
export const flakyCalls = new Map<string, number>();
const flaky: TaskHandler<{ id: string; failures: number }> = {
  type: 'test.flaky',
  title: 'Flaky',
  parameters: z.object({ id: z.string(), failures: z.number().int().min(0) }),
  maxAttempts: 2,
  async run({ params, task }) {
    const calls = (flakyCalls.get(params.id) ?? 0) + 1;
    flakyCalls.set(params.id, calls);
    if (calls <= params.failures) throw new Error(`flaky failure ${calls}`);
    return { calls, attempt: task.attempt };
  },
};

const rejecting: TaskHandler<{}> = {
  type: 'test.reject',
  title: 'Rejects its input',
  parameters: z.object({}),
  maxAttempts: 5,
  async run() {
    throw new NonRetryableTaskError('input can never work');
  },
};

/** Waits until aborted; records why. */
export const abortReasons: string[] = [];
const waiting: TaskHandler<{}> = {
  type: 'test.wait',
  title: 'Waits for abort',
  parameters: z.object({}),
  async run({ signal }) {
    await new Promise((_, reject) =>
      signal.addEventListener('abort', () => {
        abortReasons.push(String(signal.reason?.message ?? signal.reason));
        reject(signal.reason);
      }),
    );
  },
};

/** Waits for abort too, but gives up on itself after 100 ms. */
const slow: TaskHandler<{}> = {
  ...waiting,
  type: 'test.slow',
  title: 'Too slow',
  maxAttempts: 1,
  timeoutMs: 100,
};

export const testTasksModule = createBackendModule({
  pluginId: 'planner',
  moduleId: 'test-tasks',
  register(env) {
    env.registerInit({
      deps: { planner: plannerExtensionPoint },
      async init({ planner }) {
        planner.addTaskHandler(flaky, rejecting, waiting, slow);
        planner.addWorkflowDefinition({
          name: 'test.slow',
          title: 'Slow workflow',
          parameters: z.object({}),
          plan: () => [{ key: 'slow', type: 'test.slow' }],
        });
        planner.addWorkflowDefinition({
          name: 'test.flaky',
          title: 'Flaky workflow',
          parameters: z.object({ id: z.string(), failures: z.number().int() }),
          plan: p => [{ key: 'flaky', type: 'test.flaky', params: p }],
        });
        planner.addWorkflowDefinition({
          name: 'test.reject',
          title: 'Rejecting workflow',
          parameters: z.object({}),
          plan: () => [{ key: 'reject', type: 'test.reject' }],
        });
        planner.addWorkflowDefinition({
          name: 'test.wait',
          title: 'Waiting workflow',
          parameters: z.object({}),
          plan: () => [
            { key: 'wait', type: 'test.wait' },
            { key: 'after', type: 'core.noop', dependsOn: ['wait'] },
          ],
        });
      },
    });
  },
});

export const sentNotifications: any[] = [];
const notificationsFactory = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    send: async (notification: any) => {
      sentNotifications.push(notification);
    },
  }),
});

/** The Planner in a test backend: real scheduler, fast leases and retries. */
export async function startTestPlanner(extra: ServiceFactory[] = []) {
  return startTestBackend({
    features: [
      plannerPlugin,
      testTasksModule,
      schedulerServiceFactory,
      notificationsFactory,
      catalogServiceMock.factory({ entities: exampleEntities }),
      mockServices.rootConfig.factory({
        data: {
          planner: {
            worker: {
              pollIntervalMs: 50,
              leaseSeconds: 2,
              heartbeatSeconds: 0.2,
              concurrency: 8,
            },
            retry: { initialDelayMs: 20, maxDelayMs: 50 },
          },
        },
      }),
      ...extra,
    ],
  });
}
