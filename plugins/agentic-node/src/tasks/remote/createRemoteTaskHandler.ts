import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import { NonRetryableTaskError, TaskHandler } from '../types';
import { RemoteTaskRequest, RemoteTaskResponse } from './protocol';

export interface RemoteTaskHandlerOptions<TParams> {
  type: string;
  title: string;
  description?: string;
  parameters: z.ZodType<TParams>;
  maxAttempts?: number;
  timeoutMs?: number;
  /** The plugin that runs the task (serves `POST /tasks/:type`). */
  pluginId: string;
  auth: AuthService;
  discovery: DiscoveryService;
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text).error?.message ?? text;
  } catch {
    return text || response.statusText;
  }
}

/**
 * A Planner task handler whose work runs in another plugin, over HTTP with
 * the Planner's service credentials. 4xx answers (bad input, not allowed,
 * not applicable) fail the task at once; 5xx and network errors are retried
 * by the Planner like any handler error.
 */
export function createRemoteTaskHandler<TParams>(
  options: RemoteTaskHandlerOptions<TParams>,
): TaskHandler<TParams> {
  const { pluginId, type, auth, discovery } = options;
  return {
    type,
    title: options.title,
    description: options.description,
    parameters: options.parameters,
    maxAttempts: options.maxAttempts,
    timeoutMs: options.timeoutMs,
    async run(context) {
      const body: RemoteTaskRequest = {
        params: context.params,
        workflow: {
          id: context.workflow.id,
          definition: context.workflow.definition,
          entityRef: context.workflow.entityRef,
          requestedBy: context.workflow.requestedBy,
        },
        task: {
          id: context.task.id,
          key: context.task.key,
          attempt: context.task.attempt,
          maxAttempts: context.task.maxAttempts,
        },
        inputs: context.inputs,
      };
      let lastMessage: string | undefined;
      for (;;) {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: pluginId,
        });
        const url = `${await discovery.getBaseUrl(
          pluginId,
        )}/tasks/${encodeURIComponent(type)}`;
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify(body),
          signal: context.signal,
        });
        if (!response.ok) {
          const message = `${pluginId} ${type}: ${await errorMessage(
            response,
          )}`;
          const retryable =
            response.status >= 500 ||
            response.status === 408 ||
            response.status === 429;
          throw retryable
            ? new Error(message)
            : new NonRetryableTaskError(message);
        }
        const answer = (await response.json()) as RemoteTaskResponse;
        if (answer.status === 'done') {
          return (answer.output ?? {}) as JsonObject;
        }
        if (answer.message && answer.message !== lastMessage) {
          lastMessage = answer.message;
          await context.progress(answer.message);
        }
        await sleep(Math.max(100, answer.retryAfterMs), context.signal);
      }
    },
  };
}
