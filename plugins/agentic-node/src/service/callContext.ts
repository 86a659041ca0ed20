import {
  AuditorService,
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/** Who is calling an agent's service, and the HTTP request when there is one (for the audit log). */
export interface CallContext {
  credentials: BackstageCredentials;
  request?: Request;
}

/** The caller as an entity ref (users) or subject (services, e.g. `plugin:planner`). */
export function principalRef(
  auth: AuthService,
  credentials: BackstageCredentials,
): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return credentials.principal.subject;
  }
  return 'anonymous';
}

/**
 * Runs a mutation as one auditor event: the actor and `meta` recorded, then
 * success or failure (with the error) when it is done.
 */
export async function audited<T>(
  deps: { auditor: AuditorService; auth: AuthService },
  eventId: string,
  context: CallContext,
  meta: JsonObject,
  fn: () => Promise<T>,
): Promise<T> {
  const event = await deps.auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request: context.request,
    meta: { ...meta, actor: principalRef(deps.auth, context.credentials) },
  });
  try {
    const result = await fn();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
