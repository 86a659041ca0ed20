import {
  NonRetryableTaskError,
  ownerOf,
  RemoteTaskResponse,
  TaskHandler,
} from '@agentic-devops/plugin-agentic-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import { sleep } from './sleep';

export const SCAFFOLD_AWAIT_REGISTRATION_TASK = 'scaffold.await-registration';

/** The longest a workflow may wait for its service to be registered. */
export const MAX_REGISTRATION_MINUTES = 60;

export const awaitRegistrationParams = z.strictObject({
  /** e.g. component:default/orders-api */
  entityRef: z.string().min(1),
  /** The owner the registered entity must have (a full ref). */
  owner: z.string().min(1),
  /** Default 10. */
  timeoutMinutes: z
    .number()
    .positive()
    .max(MAX_REGISTRATION_MINUTES)
    .optional(),
  /** How often the catalog is asked; default 1000. */
  pollIntervalMs: z.number().int().min(50).max(60_000).optional(),
});
export type AwaitRegistrationParams = z.infer<typeof awaitRegistrationParams>;

/**
 * `scaffold.await-registration`: waits until the catalog has the new
 * service, so the workflow finishes once the service shows in the portal.
 * Each look answers like a remote task step ("done", or "waiting, ask again
 * in a while"); the handler asks until the time limit. An entity of that
 * name with another owner fails the task: the name was taken meanwhile.
 */
export function createAwaitRegistrationTask(deps: {
  catalog: CatalogService;
  auth: AuthService;
}): TaskHandler<AwaitRegistrationParams> {
  async function look(
    params: AwaitRegistrationParams,
  ): Promise<RemoteTaskResponse> {
    const entity = await deps.catalog.getEntityByRef(params.entityRef, {
      credentials: await deps.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      return {
        status: 'waiting',
        retryAfterMs: params.pollIntervalMs ?? 1000,
        message: `Waiting for ${params.entityRef} to be registered in the catalog`,
      };
    }
    const owner = ownerOf(entity);
    if (owner !== params.owner) {
      throw new NonRetryableTaskError(
        `${params.entityRef} is in the catalog, but owned by ${
          owner ?? 'nobody'
        } rather than ${params.owner}`,
      );
    }
    const output: JsonObject = { entityRef: params.entityRef, owner };
    if (entity.metadata.uid) output.uid = entity.metadata.uid;
    return { status: 'done', output };
  }

  return {
    type: SCAFFOLD_AWAIT_REGISTRATION_TASK,
    title: 'Wait for the service in the catalog',
    description:
      'Waits (up to timeoutMinutes, default 10) until the catalog has the entity with the expected owner.',
    parameters: awaitRegistrationParams,
    maxAttempts: 3,
    // The task keeps to its own time limit; this only bounds a stuck attempt.
    timeoutMs: (MAX_REGISTRATION_MINUTES + 1) * 60_000,
    async run({ params, progress, signal }) {
      const minutes = params.timeoutMinutes ?? 10;
      const deadline = Date.now() + minutes * 60_000;
      const started = Date.now();
      let lastMessage: string | undefined;
      for (;;) {
        const answer = await look(params);
        if (answer.status === 'done') {
          await progress(
            `${params.entityRef} is in the catalog (after ${Math.round(
              (Date.now() - started) / 1000,
            )} s)`,
          );
          return answer.output;
        }
        if (answer.message && answer.message !== lastMessage) {
          lastMessage = answer.message;
          await progress(answer.message);
        }
        if (Date.now() + answer.retryAfterMs > deadline) {
          throw new NonRetryableTaskError(
            `${
              params.entityRef
            } was not registered in the catalog within ${minutes} minute${
              minutes === 1 ? '' : 's'
            }`,
          );
        }
        await sleep(answer.retryAfterMs, signal);
      }
    },
  };
}
