import {
  ChangedFile,
  MergeRequestGateIntake,
  MergeRequestRef,
  MergeRequestSource,
} from '@agentic-devops/plugin-policy-node';

type Status = Parameters<MergeRequestSource['setCommitStatus']>[1];

/**
 * An in-memory merge request source: the changed files per head commit as
 * the test sets them, and a record of what the agent asked for (files
 * read, notes kept by marker, commit statuses set).
 */
export class FakeMergeRequestSource implements MergeRequestSource {
  readonly id = 'gitlab';
  intake?: MergeRequestGateIntake;
  /** Changed files by head sha. */
  readonly files = new Map<string, ChangedFile[]>();
  readonly changedFileRequests: string[] = [];
  /** Every upsert, in order. */
  readonly noteWrites: Array<{ number: number; marker: string; body: string }> =
    [];
  /** The notes on each merge request, by number then marker. */
  readonly notes = new Map<number, Map<string, string>>();
  readonly statuses: Array<Status & { sha: string }> = [];

  async subscribe(intake: MergeRequestGateIntake) {
    this.intake = intake;
  }

  async changedFiles(mr: MergeRequestRef) {
    this.changedFileRequests.push(mr.headSha);
    const files = this.files.get(mr.headSha);
    if (!files) throw new Error(`No files for head ${mr.headSha}`);
    return files;
  }

  async upsertNote(mr: MergeRequestRef, marker: string, body: string) {
    this.noteWrites.push({ number: mr.number, marker, body });
    const notes = this.notes.get(mr.number) ?? new Map<string, string>();
    notes.set(marker, body);
    this.notes.set(mr.number, notes);
  }

  async setCommitStatus(mr: MergeRequestRef, status: Status) {
    this.statuses.push({ ...status, sha: mr.headSha });
  }

  /** The last status set on a commit. */
  statusOf(sha: string) {
    return [...this.statuses].reverse().find(s => s.sha === sha);
  }
}
