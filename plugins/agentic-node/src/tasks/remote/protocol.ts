import { JsonObject } from '@backstage/types';
import { z } from 'zod';

/**
 * Task handlers that run in another plugin: the Planner posts each attempt
 * to `POST /tasks/:type` of the plugin that owns the work (with the
 * Planner's service token) and gets its output back, or "not yet, ask again
 * in a while" for steps that wait on something outside (a pipeline).
 */
export const remoteTaskRequestSchema = z.object({
  params: z.unknown(),
  workflow: z.object({
    id: z.string(),
    definition: z.string(),
    entityRef: z.string().optional(),
    requestedBy: z.string(),
  }),
  task: z.object({
    id: z.string(),
    key: z.string(),
    attempt: z.number().int(),
    maxAttempts: z.number().int(),
  }),
  inputs: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type RemoteTaskRequest = z.infer<typeof remoteTaskRequestSchema>;

export type RemoteTaskResponse =
  | { status: 'done'; output?: JsonObject }
  | {
      status: 'waiting';
      /** Ask again after this long. */
      retryAfterMs: number;
      /** Shown as the task's progress (only when it changes). */
      message?: string;
    };

/** The status a remote step answers with when retrying cannot help. */
export const NON_RETRYABLE_STATUS = 422;
