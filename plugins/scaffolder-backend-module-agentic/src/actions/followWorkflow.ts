import {
  isTerminalWorkflowStatus,
  redactSecrets,
  WorkflowDetails,
  WorkflowEvent,
} from '@agentic-devops/plugin-agentic-common';
import { WorkflowService } from '@agentic-devops/plugin-agentic-node';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** Where the portal shows a workflow. */
export function workflowLink(workflowId: string): string {
  return `/agentic/workflows/${workflowId}`;
}

/** Writes one workflow event to the task log, as it happens. */
export function logWorkflowEvent(
  logger: LoggerService,
  event: WorkflowEvent,
): void {
  const task = event.taskKey ? `[${event.taskKey}] ` : '';
  const message = event.message ? redactSecrets(event.message).text : undefined;
  const detail = message ? `: ${message}` : '';
  switch (event.type) {
    case 'workflow.started':
      logger.info('Workflow started');
      return;
    case 'workflow.succeeded':
      logger.info(`Workflow succeeded${detail}`);
      return;
    case 'workflow.failed':
      logger.error(`Workflow failed${detail}`);
      return;
    case 'workflow.cancelled':
      logger.warn(`Workflow cancelled${detail}`);
      return;
    case 'workflow.resumed':
      logger.info(`Workflow resumed${detail}`);
      return;
    case 'task.started': {
      const attempt = Number(event.data?.attempt ?? 1);
      logger.info(
        `${task}started${attempt > 1 ? ` (attempt ${attempt})` : ''}`,
      );
      return;
    }
    case 'task.progress':
      logger.info(`${task}${message ?? ''}`);
      return;
    case 'task.succeeded':
      logger.info(`${task}succeeded`);
      return;
    case 'task.retry_scheduled':
      logger.warn(`${task}failed, retrying${detail}`);
      return;
    case 'task.lease_expired':
      logger.warn(`${task}stopped responding, retrying${detail}`);
      return;
    case 'task.dead_lettered':
      logger.error(`${task}failed${detail}`);
      return;
    case 'task.cancelled':
      logger.warn(`${task}cancelled${detail}`);
      return;
    case 'task.requeued':
      logger.info(`${task}requeued${detail}`);
      return;
    default:
      // workflow.created and task.ready say nothing a reader needs.
      return;
  }
}

/**
 * Why a workflow failed or was cancelled, naming its failed tasks; undefined
 * while it runs and once it succeeded.
 */
export function failureOf(details: WorkflowDetails): string | undefined {
  if (!isTerminalWorkflowStatus(details.status)) return undefined;
  if (details.status === 'succeeded') return undefined;
  const link = workflowLink(details.id);
  if (details.status === 'cancelled') {
    return `Workflow ${details.title} (${details.id}) was cancelled: ${link}`;
  }
  const failed = details.tasks.filter(t => t.status === 'failed');
  const reasons = failed.length
    ? failed.map(t => `${t.title} [${t.key}]: ${t.lastError ?? 'failed'}`)
    : [details.error ?? `ended ${details.status}`];
  return redactSecrets(
    `Workflow ${details.title} (${details.id}) failed: ${reasons.join(
      '; ',
    )} (${link})`,
  ).text;
}

/**
 * Follows a workflow to its end (or until the tasks `untilTasks` names have
 * succeeded), writing its progress to the task log, and returns it. Throws
 * when the time limit passes (the workflow keeps running) and cancels the
 * workflow when the template run is cancelled.
 */
export async function followWorkflow(options: {
  workflows: WorkflowService;
  workflowId: string;
  credentials: BackstageCredentials;
  logger: LoggerService;
  timeoutMinutes: number;
  untilTasks?: string[];
  signal?: AbortSignal;
  pollIntervalMs?: number;
}): Promise<WorkflowDetails> {
  const { workflows, workflowId, credentials, logger, signal } = options;
  const timeoutMs = options.timeoutMinutes * 60_000;
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(options.untilTasks ?? []);
  try {
    return await workflows.waitForCompletion(workflowId, {
      credentials,
      timeoutMs,
      signal,
      pollIntervalMs: options.pollIntervalMs,
      onEvent: event => logWorkflowEvent(logger, event),
      until: options.untilTasks?.length
        ? event =>
            event.type === 'task.succeeded' &&
            pending.delete(event.taskKey ?? '') &&
            pending.size === 0
        : undefined,
    });
  } catch (error) {
    if (signal?.aborted) {
      logger.warn(
        `The template run was cancelled: cancelling workflow ${workflowId}`,
      );
      await workflows
        .cancel(workflowId, { credentials })
        .catch(e =>
          logger.warn(`Could not cancel workflow ${workflowId}: ${e}`),
        );
      throw error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `Workflow ${workflowId} did not finish within ${
          options.timeoutMinutes
        } minutes; it keeps running: ${workflowLink(workflowId)}`,
      );
    }
    throw error;
  }
}
