import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { PlannerService } from '../service/PlannerService';

export function registerListWorkflowsAction(options: {
  actionsRegistry: ActionsRegistryService;
  planner: PlannerService;
}) {
  const { actionsRegistry, planner } = options;
  actionsRegistry.register({
    name: 'list-workflows',
    title: 'List workflows',
    description:
      'Planner workflows the caller may see, newest first, filtered by entity and status; also lists the workflow definitions that create-workflow accepts.',
    attributes: { destructive: false, readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().optional(),
          status: z
            .array(
              z.enum([
                'pending',
                'running',
                'succeeded',
                'failed',
                'cancelled',
              ]),
            )
            .optional(),
          offset: z.number().int().min(0).optional(),
          limit: z.number().int().min(1).max(200).optional(),
        }),
      output: z =>
        z.object({
          workflows: z.array(z.object({}).passthrough()),
          totalCount: z.number(),
          definitions: z.array(
            z.object({ name: z.string(), title: z.string() }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await planner.list(input, { credentials });
      const definitions = planner
        .definitions()
        .definitions.map(d => ({ name: d.name, title: d.title }));
      return {
        output: {
          workflows: page.items,
          totalCount: page.totalCount,
          definitions,
        },
      };
    },
  });
}
