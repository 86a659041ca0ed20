import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PlannerClient } from '@agentic-devops/plugin-agentic-common';
import { plannerApiRef } from './api';
import { rootRouteRef, workflowRouteRef } from './routes';

/** The agentic frontend plugin: the Planner's workflows in the portal. */
export const agenticPlugin = createPlugin({
  id: 'agentic',
  apis: [
    createApiFactory({
      api: plannerApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlannerClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    workflow: workflowRouteRef,
  },
});

/** The `/agentic` page: every workflow, filterable, with a details view per workflow. */
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
