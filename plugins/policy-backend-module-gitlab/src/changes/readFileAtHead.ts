import type { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import {
  describeCall,
  findInGitlab,
  GitlabClient,
} from '@agentic-devops/plugin-gitlab-node';

export type FileAtHead =
  | { content: string }
  | { skipped: 'missing' | 'binary' | 'too large' };

/** Git's own test for a binary file: a NUL byte in its first 8000 bytes. */
const looksBinary = (bytes: Buffer) => bytes.subarray(0, 8000).includes(0);

/**
 * A file's text at the merge request's head
 * (`GET /projects/:id/repository/files/:file_path/raw`), or why it is left
 * out: gone, binary, or larger than `maxBytes`.
 */
export async function readFileAtHead(
  api: GitlabClient,
  mergeRequest: MergeRequestRef,
  path: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<FileAtHead> {
  const raw = await findInGitlab(
    describeCall(
      'GET /projects/:id/repository/files/:file_path/raw',
      `${mergeRequest.project} ${path}@${mergeRequest.headSha}`,
    ),
    () =>
      api.RepositoryFiles.showRaw(
        mergeRequest.project,
        path,
        mergeRequest.headSha,
      ),
    signal,
  );
  if (raw === undefined) return { skipped: 'missing' };
  // gitbeaker gives text/* answers as a string, anything else as a Blob.
  const bytes =
    typeof raw === 'string'
      ? Buffer.from(raw, 'utf8')
      : Buffer.from(await raw.arrayBuffer());
  if (bytes.length > maxBytes) return { skipped: 'too large' };
  if (looksBinary(bytes)) return { skipped: 'binary' };
  return { content: bytes.toString('utf8') };
}
