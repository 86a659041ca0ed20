import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { PlannerService } from '../service/PlannerService';
import { registerCreateWorkflowAction } from './createWorkflowAction';
import { registerGetWorkflowAction } from './getWorkflowAction';
import { registerListWorkflowsAction } from './listWorkflowsAction';

/** The Planner's operations as actions, offered to AI clients by the MCP actions backend. */
export function registerPlannerActions(options: {
  actionsRegistry: ActionsRegistryService;
  planner: PlannerService;
}) {
  registerCreateWorkflowAction(options);
  registerGetWorkflowAction(options);
  registerListWorkflowsAction(options);
}
