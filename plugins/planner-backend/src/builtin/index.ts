import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TaskRegistry } from '../engine/TaskRegistry';
import { createEntityCheck } from './entityCheck';
import { noopTaskHandler, noopWorkflowDefinition } from './noop';

/** The task types and definitions the Planner ships with. */
export function registerBuiltins(
  registry: TaskRegistry,
  options: { catalog: CatalogService; auth: AuthService },
) {
  registry.addTaskHandler(noopTaskHandler);
  registry.addWorkflowDefinition(noopWorkflowDefinition);
  const entityCheck = createEntityCheck(options);
  for (const handler of entityCheck.handlers) registry.addTaskHandler(handler);
  registry.addWorkflowDefinition(entityCheck.definition);
}
