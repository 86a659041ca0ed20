import { createApiRef } from '@backstage/core-plugin-api';
import { PlannerApi } from '@agentic-devops/plugin-agentic-common';

/** The Planner's REST API, as seen from the frontend. */
export const plannerApiRef = createApiRef<PlannerApi>({
  id: 'plugin.agentic.planner',
});
