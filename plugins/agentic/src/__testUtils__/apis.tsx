import { ReactElement } from 'react';
import { act, RenderResult } from '@testing-library/react';
import { alertApiRef, errorApiRef } from '@backstage/core-plugin-api';
import {
  MockErrorApi,
  mockApis,
  renderInTestApp,
  TestApiProvider,
  TestAppOptions,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  PLANNER_SIGNAL_CHANNEL,
  PlannerApi,
  WorkflowSignal,
} from '@agentic-devops/plugin-agentic-common';
import {
  RemediationApi,
  RemediationSignal,
} from '@agentic-devops/plugin-remediation-common';
import { PolicyApi } from '@agentic-devops/plugin-policy-common';
import { plannerApiRef, policyApiRef, remediationApiRef } from '../api';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';

const notMocked = (name: string) =>
  jest.fn((..._args: any[]) => Promise.reject(new Error(`${name} not mocked`)));

const mocked = (implementation: object) =>
  Object.fromEntries(
    Object.entries(implementation).map(([name, fn]) => [
      name,
      jest.fn(fn as (...args: any[]) => any),
    ]),
  );

/** A PlannerApi whose every method is a jest mock that rejects unless given. */
export function createPlannerApi(
  implementation: Partial<PlannerApi> = {},
): jest.Mocked<PlannerApi> {
  return {
    createWorkflow: notMocked('createWorkflow'),
    listWorkflows: notMocked('listWorkflows'),
    getWorkflow: notMocked('getWorkflow'),
    listEvents: notMocked('listEvents'),
    cancelWorkflow: notMocked('cancelWorkflow'),
    retryTask: notMocked('retryTask'),
    listDeadLetters: notMocked('listDeadLetters'),
    replayDeadLetter: notMocked('replayDeadLetter'),
    listDefinitions: notMocked('listDefinitions'),
    ...mocked(implementation),
  } as unknown as jest.Mocked<PlannerApi>;
}

/** A RemediationApi whose every method is a jest mock that rejects unless given. */
export function createRemediationApi(
  implementation: Partial<RemediationApi> = {},
): jest.Mocked<RemediationApi> {
  return {
    listRemediations: notMocked('listRemediations'),
    getRemediation: notMocked('getRemediation'),
    getLog: notMocked('getLog'),
    approve: notMocked('approve'),
    reject: notMocked('reject'),
    getStats: notMocked('getStats'),
    startLocal: notMocked('startLocal'),
    analyze: notMocked('analyze'),
    ...mocked(implementation),
  } as unknown as jest.Mocked<RemediationApi>;
}

/** A PolicyApi whose every method is a jest mock that rejects unless given. */
export function createPolicyApi(
  implementation: Partial<PolicyApi> = {},
): jest.Mocked<PolicyApi> {
  return {
    listScans: notMocked('listScans'),
    getScan: notMocked('getScan'),
    getLatestScan: notMocked('getLatestScan'),
    getTrend: notMocked('getTrend'),
    listWaivers: notMocked('listWaivers'),
    requestWaiver: notMocked('requestWaiver'),
    approveWaiver: notMocked('approveWaiver'),
    rejectWaiver: notMocked('rejectWaiver'),
    getComplianceReport: notMocked('getComplianceReport'),
    ...mocked(implementation),
  } as unknown as jest.Mocked<PolicyApi>;
}

/** A signals API the test pushes messages through. */
export class FakeSignalApi implements SignalApi {
  readonly #listeners = new Map<string, Set<(message: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const listeners = this.#listeners.get(channel) ?? new Set();
    listeners.add(onMessage);
    this.#listeners.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(onMessage) };
  }

  subscriberCount(channel: string = PLANNER_SIGNAL_CHANNEL): number {
    return this.#listeners.get(channel)?.size ?? 0;
  }

  publish(
    message: WorkflowSignal | RemediationSignal,
    channel: string = PLANNER_SIGNAL_CHANNEL,
  ) {
    act(() => {
      for (const listener of this.#listeners.get(channel) ?? []) {
        listener(message);
      }
    });
  }
}

/** Which permissions a test user has: all, none, the named ones, or decided per request. */
export type Permissions =
  | boolean
  | string[]
  | ((request: EvaluatePermissionRequest) => boolean);

/** A permission API that allows the named permissions (all with `true`). */
export function permissionApi(allowed: Permissions) {
  return mockApis.permission({
    authorize: request => {
      const allow =
        allowed === true ||
        (typeof allowed === 'function' && allowed(request)) ||
        (Array.isArray(allowed) && allowed.includes(request.permission.name));
      return allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    },
  });
}

export interface RenderOptions extends TestAppOptions {
  plannerApi?: PlannerApi;
  remediationApi?: RemediationApi;
  policyApi?: PolicyApi;
  signalApi?: FakeSignalApi;
  permissions?: Permissions;
  errorApi?: MockErrorApi;
  alertApi?: { post: jest.Mock; alert$: () => any };
}

export function createAlertApi() {
  return {
    post: jest.fn(),
    alert$: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
  };
}

/**
 * Renders in a test app with the Planner, Remediation, Policy, signals,
 * permission, alert and error APIs (agents' APIs not given reject every call).
 */
export async function renderWithApis(
  element: ReactElement,
  options: RenderOptions,
): Promise<
  RenderResult & {
    signalApi: FakeSignalApi;
    errorApi: MockErrorApi;
    alertApi: { post: jest.Mock; alert$: () => any };
  }
> {
  const {
    plannerApi = createPlannerApi(),
    remediationApi = createRemediationApi(),
    policyApi = createPolicyApi(),
    signalApi = new FakeSignalApi(),
    permissions = true,
    errorApi = new MockErrorApi({ collect: true }),
    alertApi = createAlertApi(),
    mountedRoutes,
    ...appOptions
  } = options;
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [plannerApiRef, plannerApi],
        [remediationApiRef, remediationApi],
        [policyApiRef, policyApi],
        [signalApiRef, signalApi],
        [permissionApiRef, permissionApi(permissions)],
        [errorApiRef, errorApi],
        [alertApiRef, alertApi],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      ...appOptions,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...mountedRoutes,
      },
    },
  );
  return { ...result, signalApi, errorApi, alertApi };
}
