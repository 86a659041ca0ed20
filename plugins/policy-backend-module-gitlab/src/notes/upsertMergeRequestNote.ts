import type { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import {
  callGitlab,
  describeCall,
  GitlabClient,
} from '@agentic-devops/plugin-gitlab-node';

/**
 * Keeps one note of the token's user on the merge request: the oldest of
 * its notes that contains `marker` gets `body`
 * (`PUT /projects/:id/merge_requests/:merge_request_iid/notes/:note_id`),
 * unless it already says that; without one, a new note is created. Notes
 * of others quoting the marker are never touched. A body without the
 * marker gets it appended, or the note could not be found again.
 */
export async function upsertMergeRequestNote(
  api: GitlabClient,
  mergeRequest: MergeRequestRef,
  options: { authorId: number; marker: string; body: string },
): Promise<{ noteId: number; created: boolean }> {
  const { project, number: iid } = mergeRequest;
  const { authorId, marker } = options;
  const body = options.body.includes(marker)
    ? options.body
    : `${options.body}\n\n${marker}`;
  const subject = `${project}!${iid}`;
  const notes = await callGitlab(
    describeCall(
      'GET /projects/:id/merge_requests/:merge_request_iid/notes',
      subject,
    ),
    () =>
      api.MergeRequestNotes.all(project, iid, {
        sort: 'asc',
        orderBy: 'created_at',
        perPage: 100,
      }),
  );
  const ours = notes.find(
    note =>
      !note.system &&
      note.author?.id === authorId &&
      note.body.includes(marker),
  );
  if (!ours) {
    const created = await callGitlab(
      describeCall(
        'POST /projects/:id/merge_requests/:merge_request_iid/notes',
        subject,
      ),
      () => api.MergeRequestNotes.create(project, iid, body),
    );
    return { noteId: created.id, created: true };
  }
  if (ours.body !== body) {
    await callGitlab(
      describeCall(
        'PUT /projects/:id/merge_requests/:merge_request_iid/notes/:note_id',
        `${subject} note ${ours.id}`,
      ),
      () => api.MergeRequestNotes.edit(project, iid, ours.id, { body }),
    );
  }
  return { noteId: ours.id, created: false };
}
