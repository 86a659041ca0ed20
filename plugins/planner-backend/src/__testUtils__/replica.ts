/*
 * One Planner replica in its own process, for the two-replica test:
 *   node --require @backstage/cli-node/config/nodeTransform.cjs replica.ts
 * with REPLICA_PORT, REPLICA_PG (connection string), REPLICA_PREFIX (database
 * name prefix) in the environment. Its `test.record` handler writes the start
 * of every attempt to replica_runs, whose (task_id, attempt) key is unique:
 * an attempt run twice fails loudly.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { plannerExtensionPoint } from '@agentic-devops/plugin-agentic-node';
import { z } from 'zod';
import { plannerPlugin } from '../plugin';

const port = Number(process.env.REPLICA_PORT);
const baseUrl = `http://127.0.0.1:${port}`;

const recordModule = createBackendModule({
  pluginId: 'planner',
  moduleId: 'replica-test',
  register(env) {
    env.registerInit({
      deps: { planner: plannerExtensionPoint, database: coreServices.database },
      async init({ planner, database }) {
        const db = await database.getClient();
        planner.addTaskHandler({
          type: 'test.record',
          title: 'Record the attempt',
          parameters: z.object({ delayMs: z.number() }),
          maxAttempts: 5,
          async run({ params, task, signal }) {
            await db('replica_runs').insert({
              task_id: task.id,
              attempt: task.attempt,
              pid: process.pid,
              started_at: Date.now(),
            });
            await new Promise((resolve, reject) => {
              const timer = setTimeout(resolve, params.delayMs);
              signal.addEventListener('abort', () => {
                clearTimeout(timer);
                reject(signal.reason);
              });
            });
            return { pid: process.pid, attempt: task.attempt };
          },
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl,
        listen: { host: '127.0.0.1', port },
        database: {
          client: 'pg',
          connection: process.env.REPLICA_PG!,
          prefix: process.env.REPLICA_PREFIX!,
        },
      },
      permission: { enabled: false },
      planner: {
        worker: {
          leaseSeconds: 3,
          heartbeatSeconds: 1,
          pollIntervalMs: 100,
          concurrency: 8,
        },
        retry: { initialDelayMs: 50, maxDelayMs: 200 },
      },
    },
  }),
);
backend.add(plannerPlugin);
backend.add(recordModule);
backend.start().then(
  () => console.log(`replica ${process.pid} ready`),
  error => {
    console.error(error);
    process.exit(1);
  },
);
