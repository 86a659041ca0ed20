import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { RemediationService } from '../service/RemediationService';

/** Logs larger than this go through the REST API (`POST /analyze`), which streams. */
const MAX_LOG_CHARS = 5_000_000;

export function registerAnalyzeLogAction(options: {
  actionsRegistry: ActionsRegistryService;
  remediation: RemediationService;
}) {
  const { actionsRegistry, remediation } = options;
  actionsRegistry.register({
    name: 'analyze-job-log',
    title: 'Diagnose a CI job log',
    description:
      "Finds why a CI job failed with the portal's playbooks: category, root cause line, evidence with line numbers, risk, confidence, whether the agent would fix it and how. The log is redacted first and treated as data.",
    attributes: { destructive: false, readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          log: z
            .string()
            .min(1)
            .max(MAX_LOG_CHARS)
            .describe('The job log, as printed'),
        }),
      output: z => z.object({ diagnosis: z.object({}).passthrough() }),
    },
    action: async ({ input }) => {
      const diagnosis = await remediation.analyze(input.log);
      return { output: { diagnosis } };
    },
  });
}
