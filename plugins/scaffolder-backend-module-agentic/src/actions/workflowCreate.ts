import { WorkflowService } from '@agentic-devops/plugin-agentic-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './workflowCreate.examples';
import { failureOf, followWorkflow, workflowLink } from './followWorkflow';
import { describeCredentials, runCredentials } from './runCredentials';

export const WORKFLOW_CREATE_ACTION_ID = 'agentic:workflow:create';

const DEFAULT_TIMEOUT_MINUTES = 10;

/**
 * `agentic:workflow:create`: starts a Planner workflow from a definition and
 * parameters on behalf of the run's user, and follows it with its progress
 * in the task log, failing the step with the failing task's error: to its
 * end, until the tasks `waitForTasks` names have succeeded, or (with
 * `wait: false`) not at all.
 */
export function createWorkflowCreateAction(options: {
  workflows: WorkflowService;
  auth: AuthService;
  /** How often to ask the Planner for news while waiting (default 500 ms). */
  pollIntervalMs?: number;
}) {
  const { workflows, auth } = options;
  return createTemplateAction({
    id: WORKFLOW_CREATE_ACTION_ID,
    description:
      "Starts an agentic workflow (a Planner workflow definition with parameters) and waits for it, writing its progress to the task log; fails the step with the failing task's error",
    examples,
    schema: {
      input: {
        definition: z =>
          z
            .string()
            .min(1)
            .describe(
              'The workflow definition, e.g. scaffold.service (the portal lists them at /agentic)',
            ),
        parameters: z =>
          z.record(z.any()).optional().describe("The definition's parameters"),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              "The catalog entity the workflow is about; it shows on the entity's Agents tab",
            ),
        title: z =>
          z
            .string()
            .max(200)
            .optional()
            .describe("The workflow's title; default the definition's"),
        idempotencyKey: z =>
          z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe(
              'Starting twice with the same key returns the first workflow; default this run and step, so a retried step does not start a second one',
            ),
        passTemplateRun: z =>
          z
            .boolean()
            .optional()
            .describe(
              "Add this template run's id to the parameters as scaffolderTaskId, so the workflow's tasks can follow its steps; default false",
            ),
        wait: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait for the workflow to finish; default true. With false the step ends once the workflow is created',
            ),
        waitForTasks: z =>
          z
            .array(z.string().min(1))
            .min(1)
            .optional()
            .describe(
              'Wait only until these tasks (by key) have succeeded, then end the step while the workflow runs on; a later agentic:workflow:wait step follows it to its end',
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
      const { definition } = ctx.input;
      // A template renders an optional value it has not got as ''.
      const entityRef = ctx.input.entityRef || undefined;
      const title = ctx.input.title || undefined;
      const parameters = {
        ...ctx.input.parameters,
        ...(ctx.input.passTemplateRun ? { scaffolderTaskId: ctx.task.id } : {}),
      };
      const idempotencyKey =
        ctx.input.idempotencyKey ??
        `scaffolder:${ctx.task.id}:${ctx.step?.id ?? definition}`;
      const credentials = await runCredentials(ctx, auth);

      let started;
      try {
        started = await workflows.create(
          { definition, parameters, entityRef, title, idempotencyKey },
          { credentials },
        );
      } catch (error) {
        // The Planner's own words (e.g. which parameter is wrong), not just its status.
        const reason =
          error instanceof ResponseError
            ? error.body.error.message
            : (error as Error).message ?? String(error);
        throw new Error(`Could not start workflow ${definition}: ${reason}`);
      }
      const { workflow, created } = started;
      const link = workflowLink(workflow.id);
      ctx.logger.info(
        created
          ? `Started workflow ${workflow.title} (${
              workflow.id
            }) as ${describeCredentials(auth, credentials)}: ${link}`
          : `Workflow ${workflow.title} (${workflow.id}) was started earlier by this run (idempotency key ${idempotencyKey}): ${link}`,
      );
      ctx.output('workflowId', workflow.id);
      ctx.output('link', link);

      const { waitForTasks } = ctx.input;
      if (ctx.input.wait === false && !waitForTasks) {
        ctx.output('status', workflow.status);
        return;
      }
      if (waitForTasks) {
        const { tasks } = await workflows.get(workflow.id, { credentials });
        const unknown = waitForTasks.filter(
          key => !tasks.some(t => t.key === key),
        );
        if (unknown.length) {
          throw new Error(
            `Workflow ${workflow.id} has no task ${unknown.join(
              ', ',
            )} to wait for (it has ${tasks.map(t => t.key).join(', ')})`,
          );
        }
      }
      const details = await followWorkflow({
        workflows,
        workflowId: workflow.id,
        credentials,
        logger: ctx.logger,
        timeoutMinutes: ctx.input.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES,
        untilTasks: waitForTasks,
        signal: ctx.signal,
        pollIntervalMs: options.pollIntervalMs,
      });
      ctx.output('status', details.status);
      const failure = failureOf(details);
      if (failure) throw new Error(failure);
      if (waitForTasks && details.status !== 'succeeded') {
        ctx.logger.info(
          `${waitForTasks.join(', ')} succeeded; the workflow runs on: ${link}`,
        );
      }
    },
  });
}
