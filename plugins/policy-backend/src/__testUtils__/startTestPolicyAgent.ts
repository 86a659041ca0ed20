import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { plannerExtensionPoint } from '@agentic-devops/plugin-agentic-node';
import { severitySchema } from '@agentic-devops/plugin-policy-common';
import { policyMergeRequestSourcesExtensionPoint } from '@agentic-devops/plugin-policy-node';
// Tests only: the Planner runs policy.check in the same test backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import plannerPlugin from '@agentic-devops/plugin-planner-backend';
import { z } from 'zod';
import policyPlugin, { plannerModulePolicy } from '..';
import { FakeMergeRequestSource } from './FakeMergeRequestSource';
import { entities, POLICIES_DIR, userInfoFactory } from './fixtures';

/** A workflow of one `policy.check` task, as any workflow would include it. */
export const CHECK_WORKFLOW = 'test.policy-check';

const checkWorkflowModule = createBackendModule({
  pluginId: 'planner',
  moduleId: 'test-policy-check',
  register(env) {
    env.registerInit({
      deps: { planner: plannerExtensionPoint },
      async init({ planner }) {
        planner.addWorkflowDefinition({
          name: CHECK_WORKFLOW,
          title: 'Check a folder',
          notifyOnFinish: false,
          parameters: z.object({
            path: z.string(),
            failOn: severitySchema.optional(),
          }),
          plan: params => [
            { key: 'check', type: 'policy.check', params: { ...params } },
          ],
        });
      },
    });
  },
});

/**
 * The Planner and the Policy agent in one test backend: a fake merge request
 * source registered through the extension point, the repository's rules,
 * fast workers, and alice owning component:default/checkout.
 */
export async function startTestPolicyAgent(options: { config?: object } = {}) {
  const source = new FakeMergeRequestSource();
  const backend = await startTestBackend({
    features: [
      plannerPlugin,
      plannerModulePolicy,
      checkWorkflowModule,
      policyPlugin,
      createBackendModule({
        pluginId: 'policy',
        moduleId: 'fake-merge-requests',
        register(env) {
          env.registerInit({
            deps: { mergeRequests: policyMergeRequestSourcesExtensionPoint },
            async init({ mergeRequests }) {
              mergeRequests.addMergeRequestSource(source);
            },
          });
        },
      }),
      schedulerServiceFactory,
      userInfoFactory,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.example.com' },
          planner: {
            worker: {
              pollIntervalMs: 50,
              leaseSeconds: 5,
              heartbeatSeconds: 0.5,
              concurrency: 4,
            },
            retry: { initialDelayMs: 20, maxDelayMs: 50 },
          },
          policy: { rules: { directory: POLICIES_DIR } },
          ...options.config,
        },
      }),
    ],
  });
  return { backend, source };
}

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
