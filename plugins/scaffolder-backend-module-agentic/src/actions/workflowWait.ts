import { WorkflowService } from '@agentic-devops/plugin-agentic-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './workflowWait.examples';
import { failureOf, followWorkflow, workflowLink } from './followWorkflow';
import { runCredentials } from './runCredentials';

export const WORKFLOW_WAIT_ACTION_ID = 'agentic:workflow:wait';

const DEFAULT_TIMEOUT_MINUTES = 10;

/**
 * `agentic:workflow:wait`: follows a workflow an earlier step started with
 * `wait: false` to its end, writing its progress to the task log (from its
 * beginning), and fails the step when it fails.
 */
export function createWorkflowWaitAction(options: {
  workflows: WorkflowService;
  auth: AuthService;
  pollIntervalMs?: number;
}) {
  const { workflows, auth } = options;
  return createTemplateAction({
    id: WORKFLOW_WAIT_ACTION_ID,
    description:
      'Waits for an agentic workflow started by an earlier step, writing its progress to the task log; fails the step when the workflow fails',
    examples,
    schema: {
      input: {
        workflowId: z =>
          z
            .string()
            .min(1)
            .describe(
              'The workflow: the workflowId output of an agentic:workflow:create step',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .positive()
            .max(24 * 60)
            .optional()
            .describe(
              `How long to wait; default ${DEFAULT_TIMEOUT_MINUTES}. The workflow keeps running after it`,
            ),
      },
      output: {
        workflowId: z => z.string().describe("The workflow's id"),
        status: z =>
          z
            .enum(['pending', 'running', 'succeeded', 'failed', 'cancelled'])
            .describe('Its status when the step ended'),
        link: z => z.string().describe('Where the portal shows it'),
      },
    },
    async handler(ctx) {
      const { workflowId } = ctx.input;
      const link = workflowLink(workflowId);
      ctx.logger.info(`Waiting for workflow ${workflowId}: ${link}`);
      ctx.output('workflowId', workflowId);
      ctx.output('link', link);
      const details = await followWorkflow({
        workflows,
        workflowId,
        credentials: await runCredentials(ctx, auth),
        logger: ctx.logger,
        timeoutMinutes: ctx.input.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES,
        signal: ctx.signal,
        pollIntervalMs: options.pollIntervalMs,
      });
      ctx.output('status', details.status);
      const failure = failureOf(details);
      if (failure) throw new Error(failure);
    },
  });
}
