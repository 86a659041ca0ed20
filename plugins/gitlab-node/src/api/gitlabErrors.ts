import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';

/**
 * A GitLab answer as an error that says which call failed and whether trying
 * again can help. 4xx answers become @backstage/errors types (the caller
 * treats them as final); 5xx and 429 stay plain errors, which the Planner
 * retries.
 */
export function gitlabStatusError(
  call: string,
  status: number,
  description: string,
): Error {
  const what = `GitLab ${call} answered ${status}${
    description ? `: ${description}` : ''
  }`;
  switch (status) {
    case 401:
      return new AuthenticationError(
        `${what}. The token in integrations.gitlab is missing, expired or revoked; retrying will not help`,
      );
    case 403:
      return new NotAllowedError(
        `${what}. The token's user may not do this (a protected branch, or a role below Developer/Maintainer); retrying will not help`,
      );
    case 404:
      return new NotFoundError(
        `${what}. It does not exist or the token cannot see it; retrying will not help`,
      );
    case 409:
      return new ConflictError(what);
    case 429:
      return new Error(`${what}. Rate limited; try again later`);
    default:
      if (status >= 500) {
        return new Error(`${what}. GitLab failed; this may pass on retry`);
      }
      return new InputError(
        `${what}. GitLab rejected the request; retrying will not help`,
      );
  }
}

/** A request that never got an answer (refused, reset, DNS, timeout). */
export function gitlabUnreachableError(call: string, cause: unknown): Error {
  const reason =
    (cause as any)?.cause?.code ??
    (cause as any)?.cause?.message ??
    (cause as Error)?.message ??
    String(cause);
  return new Error(
    `GitLab ${call} could not be reached (${reason}); this may pass on retry`,
    { cause },
  );
}
