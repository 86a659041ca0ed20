import { createApiRef } from '@backstage/core-plugin-api';
import { PlannerApi } from '@agentic-devops/plugin-agentic-common';
import { RemediationApi } from '@agentic-devops/plugin-remediation-common';
import { PolicyApi } from '@agentic-devops/plugin-policy-common';

/** The Planner's REST API, as seen from the frontend. */
export const plannerApiRef = createApiRef<PlannerApi>({
  id: 'plugin.agentic.planner',
});

/** The Remediation agent's REST API, as seen from the frontend. */
export const remediationApiRef = createApiRef<RemediationApi>({
  id: 'plugin.agentic.remediation',
});

/** The Policy agent's REST API, as seen from the frontend. */
export const policyApiRef = createApiRef<PolicyApi>({
  id: 'plugin.agentic.policy',
});
