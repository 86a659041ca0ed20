import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The `/agentic` page. */
export const rootRouteRef = createRouteRef({ id: 'agentic' });

/** One workflow, under the page: `/agentic/workflows/:id`. */
export const workflowRouteRef = createSubRouteRef({
  id: 'agentic/workflow',
  parent: rootRouteRef,
  path: '/workflows/:id',
});
