import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { PlannerService } from '../service/PlannerService';

export function registerCreateWorkflowAction(options: {
  actionsRegistry: ActionsRegistryService;
  planner: PlannerService;
}) {
  const { actionsRegistry, planner } = options;
  actionsRegistry.register({
    name: 'create-workflow',
    title: 'Create a workflow',
    description: `Starts a Planner workflow from a registered definition (see list-workflows' definitions, or the portal's /api/planner/definitions) and its parameters, optionally about a catalog entity.
The workflow runs in the background; follow it with get-workflow. An idempotency key makes repeated calls return the first workflow.`,
    attributes: { destructive: false, readOnly: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          definition: z
            .string()
            .describe('Registered workflow definition, e.g. "core.noop"'),
          parameters: z
            .record(z.unknown())
            .optional()
            .describe('Parameters the definition expects'),
          entityRef: z
            .string()
            .optional()
            .describe(
              'Catalog entity, e.g. "component:default/checkout-service"',
            ),
          idempotencyKey: z
            .string()
            .optional()
            .describe('Repeated calls with this key return the first workflow'),
          title: z.string().optional(),
        }),
      output: z =>
        z.object({
          workflowId: z.string(),
          status: z.string(),
          created: z
            .boolean()
            .describe(
              'false when the idempotency key returned an earlier workflow',
            ),
        }),
    },
    examples: [
      {
        title: 'Check an entity',
        input: {
          definition: 'catalog.entity-check',
          entityRef: 'component:default/checkout-service',
        },
        output: { workflowId: '7d3f…', status: 'pending', created: true },
      },
    ],
    action: async ({ input, credentials }) => {
      const { workflow, created } = await planner.create(input, {
        credentials,
      });
      return {
        output: { workflowId: workflow.id, status: workflow.status, created },
      };
    },
  });
}
