import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { FULL_SCAN_TRIGGERS } from '../service/fullScans';
import { PolicyService } from '../service/PolicyService';

/** The Policy agent's findings as an action, offered to AI clients by the MCP actions backend. */
export function registerPolicyActions(options: {
  actionsRegistry: ActionsRegistryService;
  policy: PolicyService;
}) {
  const { actionsRegistry, policy } = options;
  actionsRegistry.register({
    name: 'list-policy-findings',
    title: 'List policy findings of an entity',
    description:
      "The findings of the latest full policy scan of a catalog entity's source (Terraform, Kubernetes, Dockerfiles, hardcoded secrets): rule, severity, file and line, resource, message, fix, frameworks, and the waiver that covers it if any. Merge request scans are left out.",
    attributes: { destructive: false, readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe('e.g. component:default/checkout'),
        }),
      output: z =>
        z.object({
          scan: z
            .object({
              id: z.string(),
              createdAt: z.string(),
              target: z.string(),
              commitSha: z.string().optional(),
              summary: z.object({}).passthrough(),
            })
            .nullable(),
          findings: z.array(z.object({}).passthrough()),
        }),
    },
    action: async ({ input, credentials }) => {
      const { items } = await policy.listScans(
        {
          entityRef: input.entityRef,
          triggers: [...FULL_SCAN_TRIGGERS],
          limit: 1,
        },
        { credentials },
      );
      const [scan] = items;
      if (!scan) return { output: { scan: null, findings: [] } };
      return {
        output: {
          scan: {
            id: scan.id,
            createdAt: scan.createdAt,
            target: scan.target,
            ...(scan.commitSha && { commitSha: scan.commitSha }),
            summary: scan.summary,
          },
          findings: scan.findings,
        },
      };
    },
  });
}
