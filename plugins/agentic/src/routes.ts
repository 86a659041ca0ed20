import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The `/agentic` page. */
export const rootRouteRef = createRouteRef({ id: 'agentic' });

/** One workflow, under the page: `/agentic/workflows/:id`. */
export const workflowRouteRef = createSubRouteRef({
  id: 'agentic/workflow',
  parent: rootRouteRef,
  path: '/workflows/:id',
});

/** The Remediation agent's figures and records, under the page: `/agentic/remediation`. */
export const remediationRouteRef = createSubRouteRef({
  id: 'agentic/remediation',
  parent: rootRouteRef,
  path: '/remediation',
});

/** The Policy agent's compliance report, under the page: `/agentic/policy`. */
export const policyRouteRef = createSubRouteRef({
  id: 'agentic/policy',
  parent: rootRouteRef,
  path: '/policy',
});
