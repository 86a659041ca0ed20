import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { PlannerService } from '../service/PlannerService';

export function registerGetWorkflowAction(options: {
  actionsRegistry: ActionsRegistryService;
  planner: PlannerService;
}) {
  const { actionsRegistry, planner } = options;
  actionsRegistry.register({
    name: 'get-workflow',
    title: 'Get a workflow',
    description:
      'A Planner workflow with its status, its tasks (status, attempts, last error, output) and its event history in order.',
    attributes: { destructive: false, readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ workflowId: z.string() }),
      output: z =>
        z.object({
          workflow: z
            .object({})
            .passthrough()
            .describe('Workflow with tasks, attempts and events'),
        }),
    },
    action: async ({ input, credentials }) => {
      const workflow = await planner.get(input.workflowId, { credentials });
      return { output: { workflow } };
    },
  });
}
