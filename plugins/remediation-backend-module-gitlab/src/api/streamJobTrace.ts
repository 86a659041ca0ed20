import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { callGitlab, describeCall } from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';

async function* buffersOf(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/**
 * A job's log (`GET /projects/:id/jobs/:job_id/trace`) as it arrives. Logs
 * run to hundreds of megabytes: gitbeaker's `Jobs.showLog` reads the whole
 * body into one string (its types offer no stream, and its calls take no
 * abort signal but a fixed query timeout), so this asks gitbeaker's own
 * requester, the one its resources use (same base URL, token, rate limit
 * and error types), for the response stream. Breaking out of the iteration
 * or aborting `signal` cancels the download.
 */
export async function streamJobTrace(
  api: GitlabClient,
  job: FailedJob,
  signal?: AbortSignal,
): Promise<AsyncIterable<Buffer>> {
  const response = await callGitlab(
    describeCall(
      'GET /projects/:id/jobs/:job_id/trace',
      `${job.project} job ${job.jobId}`,
    ),
    () =>
      api.requester.get<ReadableStream<Uint8Array>>(
        `projects/${encodeURIComponent(job.project)}/jobs/${encodeURIComponent(
          job.jobId,
        )}/trace`,
        { asStream: true, signal },
      ),
    signal,
  );
  if (!response.body) return buffersOf([]);
  return buffersOf(response.body as unknown as AsyncIterable<Uint8Array>);
}
