import {
  NonRetryableTaskError,
  TaskHandler,
} from '@agentic-devops/plugin-agentic-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { isError, ResponseError } from '@backstage/errors';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import { sleep } from './sleep';

export const SCAFFOLD_TEMPLATE_STEP_TASK = 'scaffold.template-step';

/** The longest a task waits for its template steps. */
export const MAX_TEMPLATE_STEP_MINUTES = 60;

/** Log lines of the followed steps passed on as progress, at most. */
const MAX_PROGRESS_LINES = 40;

export const templateStepParams = z.strictObject({
  /** The template run (scaffolder task) whose steps this task follows. */
  scaffolderTaskId: z.string().min(1),
  /** Step ids of the run's template. */
  steps: z.array(z.string().min(1)).min(1),
  /**
   * `all` (default): every step must finish (skipped counts as finished).
   * `any`: the steps are alternatives (e.g. publish-local, publish-gitlab):
   * one must finish, the others be skipped.
   */
  mode: z.enum(['all', 'any']).optional(),
  /** Default 30. */
  timeoutMinutes: z
    .number()
    .positive()
    .max(MAX_TEMPLATE_STEP_MINUTES)
    .optional(),
  /** How often the scaffolder is asked; default 500. */
  pollIntervalMs: z.number().int().min(50).max(60_000).optional(),
});
export type TemplateStepParams = z.infer<typeof templateStepParams>;

type StepStatus = 'processing' | 'completed' | 'skipped' | 'failed' | string;

/** Longest error message kept from a failed step. */
const MAX_ERROR_LENGTH = 2000;

/** A step's error without its stack (the scaffolder logs `error.stack`). */
function errorOf(message: string): string {
  const lines = message.split('\n');
  const stackAt = lines.findIndex(line => /^\s+at /.test(line));
  const text = (stackAt < 0 ? lines : lines.slice(0, stackAt))
    .join('\n')
    .trim()
    .replace(/^[A-Za-z]*Error: /, '');
  return text.length > MAX_ERROR_LENGTH
    ? `${text.slice(0, MAX_ERROR_LENGTH)}…`
    : text;
}

/**
 * `scaffold.template-step`: one phase of a template run as a Planner task.
 * The scaffolder's steps do the work (Backstage's fetch:template,
 * publish:gitlab, catalog:register, and the agentic actions); this task
 * follows them through the scaffolder's API, passes their log on as its
 * progress, and succeeds, or fails with the step's error, when they do. The
 * scaffolder API answers on every replica, so any replica may run it.
 *
 * Only the run's own user (or the scaffolder itself) may have a workflow
 * follow a run: the progress copies the run's log.
 */
export function createTemplateStepTask(deps: {
  scaffolder: ScaffolderService;
  auth: AuthService;
}): TaskHandler<TemplateStepParams> {
  return {
    type: SCAFFOLD_TEMPLATE_STEP_TASK,
    title: 'Follow template steps',
    description:
      "Follows steps of a template run (the scaffolder's task) and succeeds when they finish, or fails with the failing step's error.",
    parameters: templateStepParams,
    maxAttempts: 3,
    timeoutMs: (MAX_TEMPLATE_STEP_MINUTES + 1) * 60_000,
    async run({ params, progress, signal, workflow }) {
      const credentials = await deps.auth.getOwnServiceCredentials();
      const taskId = params.scaffolderTaskId;
      const run = await deps.scaffolder
        .getTask({ taskId }, { credentials })
        .catch(error => {
          if (
            isError(error) &&
            error.name === 'ResponseError' &&
            (error as unknown as ResponseError).statusCode === 404
          ) {
            throw new NonRetryableTaskError(`No template run ${taskId}`);
          }
          throw error;
        });
      const runUser = run.spec.user?.ref?.toLocaleLowerCase('en-US');
      const requester = workflow.requestedBy.toLocaleLowerCase('en-US');
      if (requester !== 'plugin:scaffolder' && runUser !== requester) {
        throw new NonRetryableTaskError(
          `Template run ${taskId} was not started by ${workflow.requestedBy}`,
        );
      }
      const known = new Set(run.spec.steps.map(s => s.id));
      const unknown = params.steps.filter(id => !known.has(id));
      if (unknown.length) {
        throw new NonRetryableTaskError(
          `Template run ${taskId} has no step ${unknown.join(', ')}`,
        );
      }

      const wanted = new Set(params.steps);
      const statuses = new Map<string, StepStatus>();
      let failure: string | undefined;
      let runEnded: string | undefined;
      let lines = 0;
      let after: number | undefined;
      const deadline = Date.now() + (params.timeoutMinutes ?? 30) * 60_000;

      for (;;) {
        const events = await deps.scaffolder.getLogs(
          { taskId, after },
          { credentials },
        );
        for (const event of events) {
          after = event.id;
          const { stepId, status, message } = event.body;
          if (event.type === 'completion' || event.type === 'cancelled') {
            runEnded = errorOf(message ?? event.type);
            continue;
          }
          if (!stepId || !wanted.has(stepId)) continue;
          if (status) statuses.set(stepId, status);
          if (status === 'failed' || status === 'cancelled') {
            failure = `Step ${stepId} ${
              status === 'failed' ? 'failed' : 'was cancelled'
            }: ${errorOf(message)}`;
          }
          if (status === 'skipped' || lines >= MAX_PROGRESS_LINES) continue;
          lines += 1;
          await progress(
            lines === MAX_PROGRESS_LINES
              ? `[${stepId}] ${message} (further lines are in the template run's log)`
              : `[${stepId}] ${message}`,
            { stepId, ...(status ? { status } : {}) },
          );
        }
        if (failure) throw new NonRetryableTaskError(failure);

        const finished = params.steps.filter(id =>
          ['completed', 'skipped'].includes(statuses.get(id) ?? ''),
        );
        const completed = params.steps.filter(
          id => statuses.get(id) === 'completed',
        );
        const done =
          (params.mode ?? 'all') === 'all'
            ? finished.length === params.steps.length
            : completed.length > 0 && finished.length === params.steps.length;
        if (done) {
          const output: JsonObject = {
            scaffolderTaskId: taskId,
            steps: Object.fromEntries(
              params.steps.map(id => [id, statuses.get(id) ?? 'unknown']),
            ),
          };
          return output;
        }
        if (finished.length === params.steps.length) {
          throw new NonRetryableTaskError(
            `Template run ${taskId} skipped every one of ${params.steps.join(
              ', ',
            )}`,
          );
        }
        if (runEnded) {
          throw new NonRetryableTaskError(
            `Template run ${taskId} ended before ${params.steps
              .filter(id => !finished.includes(id))
              .join(', ')} finished: ${runEnded}`,
          );
        }
        if (Date.now() > deadline) {
          throw new NonRetryableTaskError(
            `${params.steps.join(
              ', ',
            )} of template run ${taskId} did not finish within ${
              params.timeoutMinutes ?? 30
            } minutes`,
          );
        }
        await sleep(params.pollIntervalMs ?? 500, signal);
      }
    },
  };
}
