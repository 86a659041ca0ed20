import { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import { z } from 'zod';

/**
 * The part of GitLab's "Merge request events" webhook body the gate uses
 * (unknown fields are ignored, so newer GitLab versions keep working).
 */
const mergeRequestEventSchema = z.object({
  object_kind: z.literal('merge_request'),
  object_attributes: z.object({
    iid: z.number().int().positive(),
    action: z.string().min(1).nullish(),
    /** The previous head: only on an `update` that pushed commits. */
    oldrev: z.string().nullish(),
    state: z.string().min(1),
    source_branch: z.string().min(1),
    target_branch: z.string().min(1),
    last_commit: z.object({ id: z.string().regex(/^[0-9a-f]{7,64}$/i) }),
    url: z.string().nullish(),
    title: z.string().nullish(),
  }),
  project: z.object({
    path_with_namespace: z.string().min(1),
  }),
});

export type ParsedMergeRequestEvent =
  | { review: MergeRequestRef }
  | { ignored: string }
  | { error: string };

/**
 * Turns a GitLab merge request webhook body into the merge request to
 * review: an open one that was opened, reopened or pushed to (an `update`
 * with `oldrev`). Anything else (closed, merged, approved, edited title or
 * labels) is ignored with the reason. A body that is not a merge request
 * event returns an error naming what is wrong; it never throws (it runs
 * inside the events bus).
 */
export function parseMergeRequestEvent(
  payload: unknown,
): ParsedMergeRequestEvent {
  const parsed = mergeRequestEventSchema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    return {
      error: `Not a GitLab merge request event: ${problems.join('; ')}`,
    };
  }
  const { object_attributes: mr, project } = parsed.data;
  const name = `${project.path_with_namespace}!${mr.iid}`;
  if (mr.state !== 'opened') {
    return { ignored: `${name} is ${mr.state}` };
  }
  const pushed =
    mr.action === 'open' ||
    mr.action === 'reopen' ||
    (mr.action === 'update' && !!mr.oldrev);
  if (!pushed) {
    return {
      ignored: `${name}: ${mr.action ?? 'an event'} without new commits`,
    };
  }
  return {
    review: {
      source: 'gitlab',
      project: project.path_with_namespace,
      number: mr.iid,
      headSha: mr.last_commit.id,
      sourceBranch: mr.source_branch,
      targetBranch: mr.target_branch,
      ...(mr.url ? { webUrl: mr.url } : {}),
      ...(mr.title ? { title: mr.title } : {}),
    },
  };
}
