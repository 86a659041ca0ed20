import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PlannerClient } from '@agentic-devops/plugin-agentic-common';
import { RemediationClient } from '@agentic-devops/plugin-remediation-common';
import { PolicyClient } from '@agentic-devops/plugin-policy-common';
import { plannerApiRef, policyApiRef, remediationApiRef } from './api';
import {
  policyRouteRef,
  remediationRouteRef,
  rootRouteRef,
  workflowRouteRef,
} from './routes';

/**
 * The agentic frontend plugin: the Planner's workflows, the Remediation
 * agent's work and the Policy agent's findings in the portal.
 */
export const agenticPlugin = createPlugin({
  id: 'agentic',
  apis: [
    createApiFactory({
      api: plannerApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlannerClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: remediationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RemediationClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: policyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PolicyClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    workflow: workflowRouteRef,
    remediation: remediationRouteRef,
    policy: policyRouteRef,
  },
});

/**
 * The `/agentic` page: every workflow, filterable, with a details view per
 * workflow; the Remediation agent's figures at `/agentic/remediation`; the
 * Policy agent's compliance report at `/agentic/policy`.
 */
export const AgenticPage = agenticPlugin.provide(
  createRoutableExtension({
    name: 'AgenticPage',
    component: () =>
      import('./components/AgenticPage').then(m => m.AgenticPageContent),
    mountPoint: rootRouteRef,
  }),
);

/** Entity card: the entity's workflows, live, with task graph and actions. */
export const EntityWorkflowsCard = agenticPlugin.provide(
  createComponentExtension({
    name: 'EntityWorkflowsCard',
    component: {
      lazy: () =>
        import('./components/EntityWorkflowsCard').then(
          m => m.EntityWorkflowsCard,
        ),
    },
  }),
);

/**
 * Entity card: the entity's failed CI jobs and what the Remediation agent
 * made of them (cause, evidence, fix, merge request), with approval of
 * high-risk fixes.
 */
export const EntityRemediationCard = agenticPlugin.provide(
  createComponentExtension({
    name: 'EntityRemediationCard',
    component: {
      lazy: () =>
        import('./components/EntityRemediationCard').then(
          m => m.EntityRemediationCard,
        ),
    },
  }),
);

/**
 * Entity card: the Policy agent's latest scan of the entity's source (findings
 * with fixes), its trend, and waivers, requested and decided here.
 */
export const EntityPolicyCard = agenticPlugin.provide(
  createComponentExtension({
    name: 'EntityPolicyCard',
    component: {
      lazy: () =>
        import('./components/EntityPolicyCard').then(m => m.EntityPolicyCard),
    },
  }),
);

/** Content of the entity page's "Agents" tab. */
export const EntityAgentsContent = agenticPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentsContent',
    component: {
      lazy: () =>
        import('./components/EntityAgentsContent').then(
          m => m.EntityAgentsContent,
        ),
    },
  }),
);
