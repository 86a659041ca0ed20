import { createHash } from 'node:crypto';

/** A commit of the fake repository: a full snapshot of its files. */
export interface FakeCommit {
  id: string;
  parentIds: string[];
  message: string;
  files: Map<string, string>;
  createdAt: string;
}

export interface FakeJob {
  id: number;
  name: string;
  stage: string;
  status: string;
  ref: string;
  pipelineId: number;
  commitSha: string;
  allowFailure: boolean;
  failureReason: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** The job log; undefined answers 404 like a job whose trace was erased. */
  trace?: Buffer;
  /** Set on the original when it was retried. */
  retried: boolean;
}

export interface FakePipeline {
  id: number;
  iid: number;
  ref: string;
  sha: string;
  status: string;
  source: string;
  createdAt: string;
  finishedAt: string | null;
  /** Where a started pipeline is going: its status after some more reads. */
  finishing?: { status: string; reads: number };
}

/**
 * How pipelines that start after seeding (on a push, through the API, on a
 * retry) progress: they run until a test sets their status, or finish by
 * themselves with `finishWith` after `runningReads` reads of
 * `GET /pipelines/:id` have seen them running.
 */
export interface FakePipelinePolicy {
  finishWith?: string;
  runningReads?: number;
}

const FINISHED = ['success', 'failed', 'canceled', 'skipped'];

/** Who wrote a note; notes without one are the token's user's. */
export interface FakeNoteAuthor {
  id: number;
  username: string;
  name: string;
}

export interface FakeNote {
  id: number;
  body: string;
  createdAt: string;
  updatedAt?: string;
  /** Defaults to the token's user (the fake's only user). */
  author?: FakeNoteAuthor;
  /** GitLab's own notes ("added 1 commit"). */
  system?: boolean;
}

export interface FakeMergeRequest {
  id: number;
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'merged';
  sourceBranch: string;
  targetBranch: string;
  removeSourceBranch: boolean;
  createdAt: string;
  notes: FakeNote[];
}

export interface FakeVariable {
  key: string;
  value: string;
  masked: boolean;
  protected: boolean;
  raw: boolean;
  variableType: 'env_var' | 'file';
  environmentScope: string;
  description: string | null;
}

export interface SeedMergeRequest {
  sourceBranch: string;
  /** Defaults to the default branch. */
  targetBranch?: string;
  title?: string;
  description?: string;
  removeSourceBranch?: boolean;
}

/** A commit status (`POST /projects/:id/statuses/:sha`), as an external CI sets it. */
export interface FakeCommitStatus {
  id: number;
  sha: string;
  ref: string | null;
  name: string;
  status: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** One file of a merge request's diff, from the merge base to the source head. */
export interface FakeFileChange {
  oldPath: string;
  newPath: string;
  newFile: boolean;
  deletedFile: boolean;
  /** The content at the merge base; undefined for a new file. */
  before?: string;
  /** The content at the source head; undefined for a deleted file. */
  after?: string;
}

/** One entry of a folder (`GET /projects/:id/repository/tree`). */
export interface FakeTreeEntry {
  name: string;
  path: string;
  type: 'blob' | 'tree';
  /** The blob's content; undefined for a folder. */
  content?: string;
}

/** Ids unique across the fake GitLab, as GitLab's are across the instance. */
export interface FakeIds {
  next(kind: 'project' | 'job' | 'pipeline' | 'mr' | 'note' | 'status'): number;
}

export interface SeedJob {
  name?: string;
  stage?: string;
  status?: string;
  allowFailure?: boolean;
  /** Defaults to the default branch. */
  ref?: string;
  /** Defaults to the head of `ref`. */
  commitSha?: string;
  /** Defaults to a new pipeline of `ref` with the job's status. */
  pipelineId?: number;
  trace?: string | Buffer;
}

export interface SeedPipeline {
  ref?: string;
  status: string;
  sha?: string;
  source?: string;
}

/**
 * One project of the fake GitLab: a tiny git repository (commits as file
 * snapshots, branches as heads), its CI jobs and pipelines, merge requests
 * and CI/CD variables. Tests seed it and read it back.
 */
export class FakeGitlabProject {
  readonly commits = new Map<string, FakeCommit>();
  /** Branch name → head commit sha. */
  readonly branches = new Map<string, string>();
  readonly jobs = new Map<number, FakeJob>();
  readonly pipelines: FakePipeline[] = [];
  readonly mergeRequests: FakeMergeRequest[] = [];
  /** Commit statuses, oldest first. */
  readonly statuses: FakeCommitStatus[] = [];
  readonly variables = new Map<string, FakeVariable>();
  /** Names or wildcards (`release/*`), as in Settings › Repository. */
  readonly protectedBranches: string[];

  /** Whether a commit pushed through the API starts a pipeline, as with a `.gitlab-ci.yml`. */
  pipelinesOnPush: boolean;

  constructor(
    readonly id: number,
    readonly pathWithNamespace: string,
    readonly defaultBranch: string,
    readonly webUrl: string,
    private readonly ids: FakeIds,
    seed: {
      files?: Record<string, string>;
      protectedBranches?: string[];
      pipelinesOnPush?: boolean;
    },
    private readonly policy: () => FakePipelinePolicy,
  ) {
    this.protectedBranches = seed.protectedBranches ?? [defaultBranch];
    this.pipelinesOnPush = seed.pipelinesOnPush ?? true;
    this.commit(defaultBranch, seed.files ?? {}, 'Initial commit');
  }

  /**
   * Seeds a commit on `branch` (created from the default branch when new):
   * a string writes a file, null deletes it. Returns the commit's sha.
   */
  commit(
    branch: string,
    changes: Record<string, string | null>,
    message = 'Update files',
  ): string {
    const parentSha =
      this.branches.get(branch) ?? this.branches.get(this.defaultBranch);
    const files = new Map(parentSha ? this.commits.get(parentSha)!.files : []);
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) files.delete(path);
      else files.set(path, content);
    }
    const id = createHash('sha1')
      .update(`${this.pathWithNamespace}\0${this.commits.size}\0${message}`)
      .digest('hex');
    this.commits.set(id, {
      id,
      parentIds: parentSha ? [parentSha] : [],
      message,
      files,
      createdAt: new Date().toISOString(),
    });
    this.branches.set(branch, id);
    return id;
  }

  /** A branch name or a (short) commit sha, as GitLab resolves `ref`. */
  resolveRef(ref: string): string | undefined {
    if (this.branches.has(ref)) return this.branches.get(ref);
    if (ref.length >= 7) {
      for (const sha of this.commits.keys()) {
        if (sha.startsWith(ref)) return sha;
      }
    }
    return undefined;
  }

  fileAt(ref: string, path: string): string | undefined {
    const sha = this.resolveRef(ref);
    return sha ? this.commits.get(sha)!.files.get(path) : undefined;
  }

  /** The newest commit from `sha` back that changed `path`. */
  lastCommitOf(sha: string, path: string): string {
    let current = this.commits.get(sha)!;
    for (;;) {
      const parent = current.parentIds[0];
      const parentCommit = parent ? this.commits.get(parent) : undefined;
      if (
        !parentCommit ||
        parentCommit.files.get(path) !== current.files.get(path)
      ) {
        return current.id;
      }
      current = parentCommit;
    }
  }

  isProtected(branch: string): boolean {
    return this.protectedBranches.some(pattern =>
      new RegExp(
        `^${pattern
          .split('*')
          .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(branch),
    );
  }

  addPipeline(seed: SeedPipeline): FakePipeline {
    const ref = seed.ref ?? this.defaultBranch;
    const now = new Date().toISOString();
    const pipeline: FakePipeline = {
      id: this.ids.next('pipeline'),
      iid: this.pipelines.length + 1,
      ref,
      sha: seed.sha ?? this.resolveRef(ref) ?? '',
      status: seed.status,
      source: seed.source ?? 'push',
      createdAt: now,
      finishedAt: FINISHED.includes(seed.status) ? now : null,
    };
    this.pipelines.push(pipeline);
    return pipeline;
  }

  /** A pipeline that starts now (push, API): it runs as the policy says. */
  startPipeline(ref: string, source: string): FakePipeline {
    const pipeline = this.addPipeline({ ref, status: 'running', source });
    this.run(pipeline);
    return pipeline;
  }

  /** Runs the pipeline's failed jobs again, as new jobs of the same pipeline. */
  retryPipeline(pipeline: FakePipeline): void {
    for (const job of this.jobsOf(pipeline)) {
      if (['failed', 'canceled'].includes(job.status)) this.retryJob(job);
    }
    this.run(pipeline);
  }

  /** A new job of the same name in the same pipeline, which runs again. */
  retryJob(job: FakeJob): FakeJob {
    job.retried = true;
    const retry = this.addJob({
      name: job.name,
      stage: job.stage,
      status: 'pending',
      allowFailure: job.allowFailure,
      ref: job.ref,
      commitSha: job.commitSha,
      pipelineId: job.pipelineId,
      trace: '',
    });
    const pipeline = this.pipelines.find(p => p.id === job.pipelineId);
    if (pipeline) this.run(pipeline);
    return retry;
  }

  /** Sets a pipeline's status, and its unfinished jobs' when it finishes. */
  setPipelineStatus(pipeline: FakePipeline, status: string): void {
    pipeline.status = status;
    pipeline.finishing = undefined;
    if (!FINISHED.includes(status)) {
      pipeline.finishedAt = null;
      return;
    }
    const now = new Date().toISOString();
    pipeline.finishedAt = now;
    for (const job of this.jobsOf(pipeline)) {
      if (!FINISHED.includes(job.status)) {
        job.status = status;
        job.finishedAt = now;
      }
    }
  }

  /** A read of the pipeline: one step closer to the status it is heading for. */
  observe(pipeline: FakePipeline): void {
    const { finishing } = pipeline;
    if (!finishing) return;
    if (finishing.reads > 0) {
      finishing.reads -= 1;
      return;
    }
    this.setPipelineStatus(pipeline, finishing.status);
  }

  /** The pipeline's current jobs (retried ones replaced by their retry). */
  jobsOf(pipeline: FakePipeline): FakeJob[] {
    return [...this.jobs.values()].filter(
      job => job.pipelineId === pipeline.id && !job.retried,
    );
  }

  private run(pipeline: FakePipeline): void {
    this.setPipelineStatus(pipeline, 'running');
    const { finishWith, runningReads = 0 } = this.policy();
    if (finishWith === undefined) return;
    if (runningReads > 0) {
      pipeline.finishing = { status: finishWith, reads: runningReads };
    } else {
      this.setPipelineStatus(pipeline, finishWith);
    }
  }

  addJob(seed: SeedJob = {}): FakeJob {
    const ref = seed.ref ?? this.defaultBranch;
    const status = seed.status ?? 'failed';
    const commitSha = seed.commitSha ?? this.resolveRef(ref) ?? '';
    const now = new Date().toISOString();
    const job: FakeJob = {
      id: this.ids.next('job'),
      name: seed.name ?? 'test',
      stage: seed.stage ?? 'test',
      status,
      ref,
      commitSha,
      allowFailure: seed.allowFailure ?? false,
      failureReason: status === 'failed' ? 'script_failure' : null,
      createdAt: now,
      finishedAt: FINISHED.includes(status) ? now : null,
      pipelineId:
        seed.pipelineId ?? this.addPipeline({ ref, status, sha: commitSha }).id,
      trace:
        typeof seed.trace === 'string'
          ? Buffer.from(seed.trace, 'utf8')
          : seed.trace,
      retried: false,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  /** The open merge requests, newest first. */
  openMergeRequests(): FakeMergeRequest[] {
    return this.mergeRequests
      .filter(mr => mr.state === 'opened')
      .sort((a, b) => b.iid - a.iid);
  }

  /** Opens a merge request (both branches must exist), as the API does. */
  addMergeRequest(seed: SeedMergeRequest): FakeMergeRequest {
    const mr: FakeMergeRequest = {
      id: this.ids.next('mr'),
      iid: this.mergeRequests.length + 1,
      title: seed.title ?? `Merge ${seed.sourceBranch}`,
      description: seed.description ?? '',
      state: 'opened',
      sourceBranch: seed.sourceBranch,
      targetBranch: seed.targetBranch ?? this.defaultBranch,
      removeSourceBranch: seed.removeSourceBranch ?? false,
      createdAt: new Date().toISOString(),
      notes: [],
    };
    this.mergeRequests.push(mr);
    return mr;
  }

  mergeRequest(iid: number | string): FakeMergeRequest | undefined {
    return this.mergeRequests.find(mr => String(mr.iid) === String(iid));
  }

  /** Adds a note, by default from the token's user. */
  addNote(
    mr: FakeMergeRequest,
    note: { body: string; author?: FakeNoteAuthor; system?: boolean },
  ): FakeNote {
    const added: FakeNote = {
      id: this.ids.next('note'),
      createdAt: new Date().toISOString(),
      ...note,
    };
    mr.notes.push(added);
    return added;
  }

  /** The newest commit both refs have (commits here have one parent). */
  mergeBase(a: string, b: string): string | undefined {
    const ancestorsOfB = new Set<string>();
    for (let sha = this.resolveRef(b); sha; ) {
      ancestorsOfB.add(sha);
      sha = this.commits.get(sha)?.parentIds[0];
    }
    for (let sha = this.resolveRef(a); sha; ) {
      if (ancestorsOfB.has(sha)) return sha;
      sha = this.commits.get(sha)?.parentIds[0];
    }
    return undefined;
  }

  /**
   * What the merge request changes, as GitLab diffs it: from the merge base
   * of its branches to the source branch's head, by path (no rename
   * detection), in path order.
   */
  changesOf(mr: FakeMergeRequest): FakeFileChange[] {
    const head = this.resolveRef(mr.sourceBranch);
    const base = this.mergeBase(mr.sourceBranch, mr.targetBranch);
    if (!head || !base) return [];
    const before = this.commits.get(base)!.files;
    const after = this.commits.get(head)!.files;
    const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
    return paths
      .filter(path => before.get(path) !== after.get(path))
      .map(path => ({
        oldPath: path,
        newPath: path,
        newFile: !before.has(path),
        deletedFile: !after.has(path),
        before: before.get(path),
        after: after.get(path),
      }));
  }

  /**
   * The entries of one folder at `ref` (`''` for the root), folders first
   * as GitLab lists them; undefined when the folder does not exist.
   */
  treeAt(ref: string, folder: string): FakeTreeEntry[] | undefined {
    const sha = this.resolveRef(ref);
    if (!sha) return undefined;
    const prefix = folder.replace(/\/+$/, '');
    const trees = new Map<string, FakeTreeEntry>();
    const blobs: FakeTreeEntry[] = [];
    for (const [path, content] of this.commits.get(sha)!.files) {
      if (prefix && !path.startsWith(`${prefix}/`)) continue;
      const rest = prefix ? path.slice(prefix.length + 1) : path;
      const [name, ...below] = rest.split('/');
      const entryPath = prefix ? `${prefix}/${name}` : name;
      if (below.length > 0) {
        trees.set(name, { name, path: entryPath, type: 'tree' });
      } else {
        blobs.push({ name, path: entryPath, type: 'blob', content });
      }
    }
    if (prefix && trees.size === 0 && blobs.length === 0) return undefined;
    const byName = (x: FakeTreeEntry, y: FakeTreeEntry) =>
      x.name.localeCompare(y.name);
    return [...[...trees.values()].sort(byName), ...blobs.sort(byName)];
  }

  /** A branch that has the commit: a commit status's ref when none is given. */
  branchContaining(sha: string): string | undefined {
    for (const [branch, head] of this.branches) {
      for (let at: string | undefined = head; at; ) {
        if (at === sha) return branch;
        at = this.commits.get(at)?.parentIds[0];
      }
    }
    return undefined;
  }
}
