import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { TaskHandler, WorkflowDefinition } from './tasks/types';

/**
 * Through this extension point, backend modules of the `planner` plugin add
 * task handlers by type and workflow definitions by name.
 *
 * @example
 * createBackendModule({
 *   pluginId: 'planner',
 *   moduleId: 'policy',
 *   register(env) {
 *     env.registerInit({
 *       deps: { planner: plannerExtensionPoint },
 *       async init({ planner }) {
 *         planner.addTaskHandler(policyCheckHandler);
 *       },
 *     });
 *   },
 * });
 */
export interface PlannerExtensionPoint {
  addTaskHandler(...handlers: TaskHandler[]): void;
  addWorkflowDefinition(...definitions: WorkflowDefinition[]): void;
}

export const plannerExtensionPoint =
  createExtensionPoint<PlannerExtensionPoint>({ id: 'planner.workflows' });
