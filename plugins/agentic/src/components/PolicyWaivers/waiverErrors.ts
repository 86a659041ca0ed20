import { isError, toError, type ResponseError } from '@backstage/errors';

/** Why a waiver request or decision did not go through, for the person who made it. */
export interface WaiverError {
  title: string;
  message: string;
}

// By name: instanceof fails when the client came from another bundle.
const isResponseError = (error: unknown): error is ResponseError =>
  isError(error) && error.name === 'ResponseError';

/**
 * The server's message (not "Request failed with 409 Conflict"), titled by
 * the status code when there is a title for it, else by `fallback`.
 */
export function describeWaiverError(
  error: unknown,
  titles: { fallback: string } & Partial<Record<number, string>>,
): WaiverError {
  if (!isResponseError(error)) {
    return { title: titles.fallback, message: toError(error).message };
  }
  return {
    title: titles[error.statusCode] ?? titles.fallback,
    message: error.cause?.message || error.message,
  };
}
