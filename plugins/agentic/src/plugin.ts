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
import { plannerApiRef, remediationApiRef } from './api';
import { remediationRouteRef, rootRouteRef, workflowRouteRef } from './routes';

/**
 * The agentic frontend plugin: the Planner's workflows and the Remediation
 * agent's work in the portal.
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
  ],
  routes: {
    root: rootRouteRef,
    workflow: workflowRouteRef,
    remediation: remediationRouteRef,
  },
});

/**
 * The `/agentic` page: every workflow, filterable, with a details view per
 * workflow; and the Remediation agent's figures at `/agentic/remediation`.
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
