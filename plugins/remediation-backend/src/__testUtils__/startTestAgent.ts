import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { remediationSourcesExtensionPoint } from '@agentic-devops/plugin-remediation-node';
import plannerPlugin from '@agentic-devops/plugin-planner-backend';
import path from 'node:path';
import remediationPlugin, { plannerModuleRemediation } from '..';
import { FakeSource } from './FakeSource';

export const PLAYBOOKS_DIR = path.resolve(__dirname, '../../../../playbooks');

export const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'gitlab.com/project-slug': 'payments/checkout' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  },
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

/** alice is in payments-team (owns checkout); bob is not. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef as string;
      return {
        userEntityRef: ref,
        ownershipEntityRefs:
          ref === 'user:default/alice'
            ? [ref, 'group:default/payments-team']
            : [ref],
      };
    },
  }),
});

/** The notification service, keeping what is sent in `into`. */
export function capturedNotifications(into: unknown[]) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (notification: unknown) => {
        into.push(notification);
      },
    }),
  });
}

/**
 * The Planner and the Remediation agent in one test backend, with a fake
 * source, the repository's playbooks, fast polling and captured notifications.
 */
export async function startTestAgent(options: { config?: object } = {}) {
  const source = new FakeSource();
  const notifications: any[] = [];
  const backend = await startTestBackend({
    features: [
      plannerPlugin,
      plannerModuleRemediation,
      remediationPlugin,
      createBackendModule({
        pluginId: 'remediation',
        moduleId: 'fake-source',
        register(env) {
          env.registerInit({
            deps: { sources: remediationSourcesExtensionPoint },
            async init({ sources }) {
              sources.addSource(source);
            },
          });
        },
      }),
      schedulerServiceFactory,
      userInfoFactory,
      capturedNotifications(notifications),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          planner: {
            worker: {
              pollIntervalMs: 50,
              leaseSeconds: 5,
              heartbeatSeconds: 0.5,
              concurrency: 4,
            },
            retry: { initialDelayMs: 20, maxDelayMs: 50 },
          },
          remediation: {
            playbooks: { directory: PLAYBOOKS_DIR },
            verify: { pollSeconds: 1 },
          },
          ...options.config,
        },
      }),
    ],
  });
  return { backend, source, notifications };
}
