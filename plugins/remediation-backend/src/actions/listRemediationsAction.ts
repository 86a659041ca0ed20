import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  RemediationStatus,
  remediationStatusSchema,
} from '@agentic-devops/plugin-remediation-common';
import { RemediationService } from '../service/RemediationService';

export function registerListRemediationsAction(options: {
  actionsRegistry: ActionsRegistryService;
  remediation: RemediationService;
}) {
  const { actionsRegistry, remediation } = options;
  actionsRegistry.register({
    name: 'list-remediations',
    title: 'List pipeline remediations',
    description:
      'Failed CI jobs the Remediation agent worked on, latest first: category, root cause, evidence, fix, merge request and state. Filter by entity and status.',
    attributes: { destructive: false, readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().optional(),
          status: z
            .array(
              z.enum(
                remediationStatusSchema.options as [
                  RemediationStatus,
                  ...RemediationStatus[],
                ],
              ),
            )
            .optional(),
          offset: z.number().int().min(0).optional(),
          limit: z.number().int().min(1).max(200).optional(),
        }),
      output: z =>
        z.object({
          remediations: z.array(z.object({}).passthrough()),
          totalCount: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await remediation.list(input, { credentials });
      return {
        output: { remediations: page.items, totalCount: page.totalCount },
      };
    },
  });
}
