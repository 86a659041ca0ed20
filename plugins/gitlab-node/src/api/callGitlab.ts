import {
  GitbeakerRequestError,
  GitbeakerRetryError,
  GitbeakerTimeoutError,
} from '@gitbeaker/rest';
import { gitlabStatusError, gitlabUnreachableError } from './gitlabErrors';

/**
 * Names a call for its error messages: the route as GitLab documents it and
 * what it was about, e.g. `GET /projects/:id/pipelines (group/project)`.
 */
export function describeCall(route: string, subject: string): string {
  return `${route} (${subject})`;
}

function statusOf(error: GitbeakerRequestError): number | undefined {
  return (error.cause as { response?: Response } | undefined)?.response?.status;
}

function descriptionOf(error: GitbeakerRequestError): string {
  const cause = error.cause as { description?: unknown } | undefined;
  return String(cause?.description ?? error.message ?? '');
}

/** Rejects as soon as `signal` aborts; gitbeaker's calls take no signal. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

/**
 * Runs one gitbeaker call and turns its failures into errors that name the
 * route: see gitlabStatusError for which ones retrying can fix.
 */
export async function callGitlab<T>(
  call: string,
  request: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await abortable(request(), signal);
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    if (error instanceof GitbeakerRequestError) {
      const status = statusOf(error);
      if (status !== undefined) {
        throw gitlabStatusError(call, status, descriptionOf(error));
      }
    }
    if (error instanceof GitbeakerRetryError) {
      throw new Error(`GitLab ${call} kept failing: ${error.message}`, {
        cause: error,
      });
    }
    if (error instanceof GitbeakerTimeoutError) {
      throw new Error(`GitLab ${call} timed out; this may pass on retry`, {
        cause: error,
      });
    }
    if (isNetworkFailure(error)) throw gitlabUnreachableError(call, error);
    throw error;
  }
}

/**
 * fetch's own failure (refused, reset, DNS, TLS), not an error of ours. By
 * name, not instanceof: undici's TypeError may come from another realm.
 */
function isNetworkFailure(error: unknown): boolean {
  const failure = error as { name?: unknown; message?: unknown; cause?: any };
  return (
    failure?.name === 'TypeError' &&
    (failure.message === 'fetch failed' ||
      typeof failure.cause?.code === 'string')
  );
}

/** Like callGitlab, but a 404 answer is `undefined` (a missing file, branch, …). */
export async function findInGitlab<T>(
  call: string,
  request: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T | undefined> {
  try {
    return await callGitlab(call, request, signal);
  } catch (error) {
    if ((error as Error)?.name === 'NotFoundError') return undefined;
    throw error;
  }
}
