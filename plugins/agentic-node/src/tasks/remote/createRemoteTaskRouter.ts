import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { NonRetryableTaskError } from '../types';
import {
  NON_RETRYABLE_STATUS,
  RemoteTaskRequest,
  remoteTaskRequestSchema,
  RemoteTaskResponse,
} from './protocol';

/** One task type a plugin runs for the Planner. */
export interface RemoteTaskStep<TParams = any> {
  type: string;
  parameters: z.ZodType<TParams>;
  run(
    params: TParams,
    request: RemoteTaskRequest & { signal: AbortSignal },
  ): Promise<RemoteTaskResponse>;
}

const prettify = (error: z.ZodError) =>
  z.prettifyError(error).replace(/\n/g, '; ');

/**
 * Serves `POST /tasks/:type` for the Planner's remote task handlers. Only
 * the callers named (by default the Planner's service principal) may call.
 * A NonRetryableTaskError answers 422 so the Planner fails the task at once.
 */
export function createRemoteTaskRouter(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  steps: RemoteTaskStep[];
  allowedCallers?: string[];
}): express.Router {
  const allowed = new Set(options.allowedCallers ?? ['plugin:planner']);
  const steps = new Map(options.steps.map(s => [s.type, s]));
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.post('/tasks/:type', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['service'],
    });
    if (!allowed.has(credentials.principal.subject)) {
      throw new NotAllowedError(
        `${credentials.principal.subject} may not run tasks here`,
      );
    }
    const step = steps.get(req.params.type);
    if (!step) throw new NotFoundError(`No task type ${req.params.type}`);
    const request = remoteTaskRequestSchema.safeParse(req.body);
    if (!request.success) throw new InputError(prettify(request.error));
    const params = step.parameters.safeParse(request.data.params);
    if (!params.success) throw new InputError(prettify(params.error));

    // The Planner aborting the attempt closes the connection.
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new Error('caller went away'));
    });
    try {
      res.json(
        await step.run(params.data, { ...request.data, signal: abort.signal }),
      );
    } catch (error) {
      if (error instanceof NonRetryableTaskError) {
        options.logger.warn(`Task ${step.type} failed: ${error.message}`);
        res.status(NON_RETRYABLE_STATUS).json({
          error: { name: error.name, message: error.message },
          response: { statusCode: NON_RETRYABLE_STATUS },
        });
        return;
      }
      throw error;
    }
  });
  return router;
}
