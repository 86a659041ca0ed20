/**
 * Merge requests the Policy agent gates: a module (GitLab) finds them and
 * talks to them; the policy plugin scans, records and reports.
 */
export interface MergeRequestRef {
  /** The module's id, e.g. `gitlab`. */
  source: string;
  /** `group/project`. */
  project: string;
  /** The merge request's number in its project (GitLab's iid). */
  number: number;
  /** The commit the scan judges: the source branch's head. */
  headSha: string;
  sourceBranch: string;
  targetBranch: string;
  webUrl?: string;
  title?: string;
}

/** A file the merge request adds or changes, at its head. */
export interface ChangedFile {
  /** Path in the repository. */
  path: string;
  content: string;
}

export interface MergeRequestGateIntake {
  /**
   * Scans the merge request's changed files and reports: called for each
   * push (an `open`, `reopen` or `update` with new commits). Idempotent per
   * head commit.
   */
  review(mergeRequest: MergeRequestRef): Promise<void>;
}

export interface MergeRequestSource {
  readonly id: string;
  /** Starts delivering merge requests to review (e.g. from webhooks). */
  subscribe(intake: MergeRequestGateIntake): Promise<void>;
  /**
   * The files the merge request adds or changes (deleted ones left out),
   * with their content at its head, plus the other files of the folders
   * they are in when those are needed to judge them (a Terraform module's
   * variables and tfvars).
   */
  changedFiles(
    mergeRequest: MergeRequestRef,
    signal?: AbortSignal,
  ): Promise<ChangedFile[]>;
  /**
   * Creates the agent's note on the merge request, or updates it in place:
   * one note per merge request, found by `marker` (an HTML comment in it).
   */
  upsertNote(
    mergeRequest: MergeRequestRef,
    marker: string,
    body: string,
  ): Promise<void>;
  /**
   * Sets the commit status `name` on the head commit: `success`, or
   * `failed` (critical findings), with a short description and a link.
   */
  setCommitStatus(
    mergeRequest: MergeRequestRef,
    status: {
      name: string;
      state: 'pending' | 'success' | 'failed';
      description: string;
      targetUrl?: string;
    },
  ): Promise<void>;
}
