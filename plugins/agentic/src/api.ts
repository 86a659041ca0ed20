import { createApiRef } from '@backstage/core-plugin-api';
import { PlannerApi } from '@agentic-devops/plugin-agentic-common';
import { RemediationApi } from '@agentic-devops/plugin-remediation-common';

/** The Planner's REST API, as seen from the frontend. */
export const plannerApiRef = createApiRef<PlannerApi>({
  id: 'plugin.agentic.planner',
});

/** The Remediation agent's REST API, as seen from the frontend. */
export const remediationApiRef = createApiRef<RemediationApi>({
  id: 'plugin.agentic.remediation',
});
