import { createHash } from 'node:crypto';
import {
  FakeCommit,
  FakeCommitStatus,
  FakeFileChange,
  FakeGitlabProject,
  FakeJob,
  FakeMergeRequest,
  FakeNote,
  FakePipeline,
  FakeTreeEntry,
  FakeVariable,
} from './fakeGitlabProject';

/*
 * The fake's resources as the GitLab REST API (v4) documents them: snake_case
 * fields, numeric ids and iids, web_url on everything a browser can open.
 */

const fakeUser = {
  id: 1,
  username: 'remediation-bot',
  name: 'Remediation Bot',
  state: 'active',
  avatar_url: null,
  web_url: 'http://gitlab.invalid/remediation-bot',
};

/** `GET /user`: the token's user. */
export function currentUserJson() {
  return {
    ...fakeUser,
    bio: '',
    created_at: '2024-01-01T00:00:00.000Z',
    public_email: null,
    bot: true,
  };
}

/** A group, as `GET /namespaces/:id` answers. */
export function groupNamespaceJson(id: number, fullPath: string) {
  const path = fullPath.split('/').pop()!;
  return {
    id,
    name: path,
    path,
    kind: 'group',
    full_path: fullPath,
    parent_id: null,
    web_url: `groups/${fullPath}`,
  };
}

export function projectJson(p: FakeGitlabProject) {
  const [namespace] = p.pathWithNamespace.split(/\/(?=[^/]+$)/);
  const path = p.pathWithNamespace.split('/').pop()!;
  return {
    id: p.id,
    description: null,
    name: path,
    name_with_namespace: p.pathWithNamespace.split('/').join(' / '),
    path,
    path_with_namespace: p.pathWithNamespace,
    created_at: '2024-01-01T00:00:00.000Z',
    default_branch: p.defaultBranch,
    visibility: 'private',
    archived: false,
    empty_repo: p.commits.size === 0,
    web_url: p.webUrl,
    http_url_to_repo: `${p.webUrl}.git`,
    namespace: {
      id: 1,
      name: namespace,
      path: namespace,
      kind: 'group',
      full_path: namespace,
    },
  };
}

export function commitJson(p: FakeGitlabProject, c: FakeCommit) {
  return {
    id: c.id,
    short_id: c.id.slice(0, 8),
    created_at: c.createdAt,
    parent_ids: c.parentIds,
    title: c.message.split('\n')[0],
    message: c.message,
    author_name: fakeUser.name,
    author_email: 'remediation-bot@example.com',
    authored_date: c.createdAt,
    committer_name: fakeUser.name,
    committer_email: 'remediation-bot@example.com',
    committed_date: c.createdAt,
    web_url: `${p.webUrl}/-/commit/${c.id}`,
  };
}

export function branchJson(p: FakeGitlabProject, name: string) {
  const sha = p.branches.get(name)!;
  return {
    name,
    merged: false,
    protected: p.isProtected(name),
    default: name === p.defaultBranch,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: true,
    web_url: `${p.webUrl}/-/tree/${encodeURIComponent(name)}`,
    commit: commitJson(p, p.commits.get(sha)!),
  };
}

export function protectedBranchJson(name: string, index: number) {
  const maintainers = {
    id: index + 1,
    access_level: 40,
    access_level_description: 'Maintainers',
    user_id: null,
    group_id: null,
  };
  return {
    id: index + 1,
    name,
    push_access_levels: [maintainers],
    merge_access_levels: [maintainers],
    unprotect_access_levels: [],
    allow_force_push: false,
    code_owner_approval_required: false,
  };
}

export function fileJson(
  p: FakeGitlabProject,
  ref: string,
  path: string,
  content: string,
) {
  const sha = p.resolveRef(ref)!;
  const bytes = Buffer.from(content, 'utf8');
  return {
    file_name: path.split('/').pop(),
    file_path: path,
    size: bytes.length,
    encoding: 'base64',
    content_sha256: createHash('sha256').update(bytes).digest('hex'),
    ref,
    blob_id: createHash('sha1').update(bytes).digest('hex'),
    commit_id: sha,
    last_commit_id: p.lastCommitOf(sha, path),
    execute_filemode: false,
    content: bytes.toString('base64'),
  };
}

export function pipelineJson(p: FakeGitlabProject, pipeline: FakePipeline) {
  return {
    id: pipeline.id,
    iid: pipeline.iid,
    project_id: p.id,
    sha: pipeline.sha,
    ref: pipeline.ref,
    status: pipeline.status,
    source: pipeline.source,
    created_at: pipeline.createdAt,
    updated_at: pipeline.finishedAt ?? pipeline.createdAt,
    web_url: `${p.webUrl}/-/pipelines/${pipeline.id}`,
  };
}

/** `GET /pipelines/:id` and `POST /pipeline` answer with more detail. */
export function expandedPipelineJson(
  p: FakeGitlabProject,
  pipeline: FakePipeline,
) {
  return {
    ...pipelineJson(p, pipeline),
    before_sha: '0000000000000000000000000000000000000000',
    tag: false,
    yaml_errors: null,
    user: fakeUser,
    started_at: pipeline.createdAt,
    finished_at: pipeline.finishedAt,
    committed_at: null,
    duration: null,
    queued_duration: null,
    coverage: null,
    detailed_status: {
      icon: `status_${pipeline.status}`,
      text: pipeline.status,
      label: pipeline.status,
      group: pipeline.status,
      tooltip: pipeline.status,
      has_details: true,
      details_path: `/${p.pathWithNamespace}/-/pipelines/${pipeline.id}`,
      favicon: `favicon_status_${pipeline.status}`,
    },
  };
}

export function jobJson(p: FakeGitlabProject, job: FakeJob) {
  const pipeline = p.pipelines.find(x => x.id === job.pipelineId);
  const commit = p.commits.get(job.commitSha);
  return {
    id: job.id,
    status: job.status,
    stage: job.stage,
    name: job.name,
    ref: job.ref,
    tag: false,
    coverage: null,
    allow_failure: job.allowFailure,
    failure_reason: job.failureReason ?? undefined,
    created_at: job.createdAt,
    started_at: job.createdAt,
    finished_at: job.finishedAt,
    duration: null,
    queued_duration: null,
    user: fakeUser,
    commit: commit ? commitJson(p, commit) : null,
    pipeline: {
      id: job.pipelineId,
      project_id: p.id,
      ref: job.ref,
      sha: job.commitSha,
      status: pipeline?.status ?? job.status,
    },
    web_url: `${p.webUrl}/-/jobs/${job.id}`,
    artifacts: [],
    runner: null,
    project: { ci_job_token_scope_enabled: false },
  };
}

export function mergeRequestJson(p: FakeGitlabProject, mr: FakeMergeRequest) {
  const ref = `!${mr.iid}`;
  return {
    id: mr.id,
    iid: mr.iid,
    project_id: p.id,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    created_at: mr.createdAt,
    updated_at: mr.createdAt,
    merged_by: null,
    merged_at: null,
    closed_by: null,
    closed_at: null,
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    source_project_id: p.id,
    target_project_id: p.id,
    author: fakeUser,
    draft: false,
    work_in_progress: false,
    merge_when_pipeline_succeeds: false,
    merge_status: 'can_be_merged',
    detailed_merge_status: 'mergeable',
    sha: p.branches.get(mr.sourceBranch) ?? null,
    force_remove_source_branch: mr.removeSourceBranch,
    user_notes_count: mr.notes.length,
    references: {
      short: ref,
      relative: ref,
      full: `${p.pathWithNamespace}${ref}`,
    },
    web_url: `${p.webUrl}/-/merge_requests/${mr.iid}`,
  };
}

export function noteJson(
  p: FakeGitlabProject,
  mr: FakeMergeRequest,
  note: FakeNote,
) {
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author: note.author
      ? {
          ...fakeUser,
          ...note.author,
          web_url: `http://gitlab.invalid/${note.author.username}`,
        }
      : fakeUser,
    created_at: note.createdAt,
    updated_at: note.updatedAt ?? note.createdAt,
    system: note.system ?? false,
    noteable_id: mr.id,
    noteable_type: 'MergeRequest',
    noteable_iid: mr.iid,
    project_id: p.id,
    resolvable: false,
    confidential: false,
    internal: false,
  };
}

const isBinary = (content: string | undefined) => !!content?.includes('\0');

/** GitLab's diff text: hunks only, no `---`/`+++` header; naive, whole-file. */
function diffText(change: FakeFileChange): string {
  if (isBinary(change.before) || isBinary(change.after)) {
    return `Binary files a/${change.oldPath} and b/${change.newPath} differ\n`;
  }
  const lines = (text: string | undefined) =>
    text === undefined || text === ''
      ? []
      : text.replace(/\n$/, '').split('\n');
  const removed = lines(change.before);
  const added = lines(change.after);
  return [
    `@@ -${removed.length ? 1 : 0},${removed.length} +${added.length ? 1 : 0},${
      added.length
    } @@`,
    ...removed.map(line => `-${line}`),
    ...added.map(line => `+${line}`),
    '',
  ].join('\n');
}

/** One entry of `GET /projects/:id/merge_requests/:iid/diffs`. */
export function mergeRequestDiffJson(change: FakeFileChange) {
  return {
    old_path: change.oldPath,
    new_path: change.newPath,
    a_mode: change.newFile ? '0' : '100644',
    b_mode: change.deletedFile ? '0' : '100644',
    new_file: change.newFile,
    renamed_file: false,
    deleted_file: change.deletedFile,
    generated_file: false,
    collapsed: false,
    too_large: false,
    diff: diffText(change),
  };
}

export function treeEntryJson(entry: FakeTreeEntry) {
  return {
    id: createHash('sha1')
      .update(entry.content ?? `tree\0${entry.path}`)
      .digest('hex'),
    name: entry.name,
    type: entry.type,
    path: entry.path,
    mode: entry.type === 'tree' ? '040000' : '100644',
  };
}

export function commitStatusJson(status: FakeCommitStatus) {
  return {
    id: status.id,
    sha: status.sha,
    ref: status.ref,
    status: status.status,
    name: status.name,
    target_url: status.targetUrl,
    description: status.description,
    created_at: status.createdAt,
    started_at: null,
    finished_at: status.finishedAt,
    allow_failure: false,
    coverage: null,
    pipeline_id: null,
    author: fakeUser,
  };
}

export function variableJson(v: FakeVariable) {
  return {
    variable_type: v.variableType,
    key: v.key,
    value: v.value,
    protected: v.protected,
    masked: v.masked,
    hidden: false,
    raw: v.raw,
    environment_scope: v.environmentScope,
    description: v.description,
  };
}

/** GitLab's older hook timestamps: `2016-08-12 15:23:28 UTC`. */
const hookTime = (iso: string | null) =>
  iso && `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/**
 * The body GitLab posts for a "Pipeline events" webhook, as its webhook
 * documentation shows it (`object_kind: pipeline`, `object_attributes`,
 * `project`, `commit`, `builds`).
 */
export function pipelineHookJson(
  p: FakeGitlabProject,
  pipeline: FakePipeline,
  jobs: FakeJob[],
) {
  const commit = p.commits.get(pipeline.sha);
  const [namespace] = p.pathWithNamespace.split(/\/(?=[^/]+$)/);
  const user = {
    id: fakeUser.id,
    name: fakeUser.name,
    username: fakeUser.username,
    avatar_url: fakeUser.avatar_url,
    email: '[REDACTED]',
  };
  return {
    object_kind: 'pipeline',
    object_attributes: {
      id: pipeline.id,
      iid: pipeline.iid,
      name: null,
      ref: pipeline.ref,
      tag: false,
      sha: pipeline.sha,
      before_sha:
        commit?.parentIds[0] ?? '0000000000000000000000000000000000000000',
      source: pipeline.source,
      status: pipeline.status,
      detailed_status:
        pipeline.status === 'success' ? 'passed' : pipeline.status,
      stages: [...new Set(jobs.map(job => job.stage))],
      created_at: hookTime(pipeline.createdAt),
      finished_at: hookTime(pipeline.finishedAt),
      duration: pipeline.finishedAt ? 1 : null,
      queued_duration: null,
      protected_ref: p.isProtected(pipeline.ref),
      variables: [],
      url: `${p.webUrl}/-/pipelines/${pipeline.id}`,
    },
    merge_request: null,
    user,
    project: {
      id: p.id,
      name: p.pathWithNamespace.split('/').pop(),
      description: null,
      web_url: p.webUrl,
      avatar_url: null,
      git_ssh_url: `git@${new URL(p.webUrl).host}:${p.pathWithNamespace}.git`,
      git_http_url: `${p.webUrl}.git`,
      namespace,
      visibility_level: 0,
      path_with_namespace: p.pathWithNamespace,
      default_branch: p.defaultBranch,
      ci_config_path: null,
    },
    commit: commit && {
      id: commit.id,
      message: commit.message,
      title: commit.message.split('\n')[0],
      timestamp: commit.createdAt,
      url: `${p.webUrl}/-/commit/${commit.id}`,
      author: { name: fakeUser.name, email: 'remediation-bot@example.com' },
    },
    source_pipeline: null,
    builds: jobs.map(job => ({
      id: job.id,
      stage: job.stage,
      name: job.name,
      status: job.status,
      created_at: hookTime(job.createdAt),
      started_at: hookTime(job.createdAt),
      finished_at: hookTime(job.finishedAt),
      duration: job.finishedAt ? 1 : null,
      queued_duration: null,
      failure_reason: job.failureReason,
      when: 'on_success',
      manual: false,
      allow_failure: job.allowFailure,
      user,
      runner: null,
      artifacts_file: { filename: null, size: null },
      environment: null,
    })),
  };
}

/** What a merge request webhook says happened (`object_attributes.action`). */
export type MergeRequestHookAction =
  | 'open'
  | 'reopen'
  | 'update'
  | 'close'
  | 'merge'
  | 'approved'
  | 'unapproved';

/**
 * The body GitLab posts for a "Merge request events" webhook, as its webhook
 * documentation shows it (`object_kind: merge_request`, `object_attributes`
 * with `last_commit`, and `oldrev` only on an update that pushed commits).
 */
export function mergeRequestHookJson(
  p: FakeGitlabProject,
  mr: FakeMergeRequest,
  options: { action: MergeRequestHookAction; oldrev?: string },
) {
  const headSha = p.branches.get(mr.sourceBranch);
  const head = headSha ? p.commits.get(headSha) : undefined;
  const [namespace] = p.pathWithNamespace.split(/\/(?=[^/]+$)/);
  const project = {
    id: p.id,
    name: p.pathWithNamespace.split('/').pop(),
    description: null,
    web_url: p.webUrl,
    avatar_url: null,
    git_ssh_url: `git@${new URL(p.webUrl).host}:${p.pathWithNamespace}.git`,
    git_http_url: `${p.webUrl}.git`,
    namespace,
    visibility_level: 0,
    path_with_namespace: p.pathWithNamespace,
    default_branch: p.defaultBranch,
    ci_config_path: null,
    homepage: p.webUrl,
    url: `${p.webUrl}.git`,
  };
  return {
    object_kind: 'merge_request',
    event_type: 'merge_request',
    user: {
      id: fakeUser.id,
      name: fakeUser.name,
      username: fakeUser.username,
      avatar_url: fakeUser.avatar_url,
      email: '[REDACTED]',
    },
    project,
    object_attributes: {
      id: mr.id,
      iid: mr.iid,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      draft: false,
      work_in_progress: false,
      merge_status: 'can_be_merged',
      detailed_merge_status: 'mergeable',
      source_branch: mr.sourceBranch,
      target_branch: mr.targetBranch,
      source_project_id: p.id,
      target_project_id: p.id,
      author_id: fakeUser.id,
      created_at: hookTime(mr.createdAt),
      updated_at: hookTime(new Date().toISOString()),
      url: `${p.webUrl}/-/merge_requests/${mr.iid}`,
      source: project,
      target: project,
      last_commit: head && {
        id: head.id,
        message: head.message,
        title: head.message.split('\n')[0],
        timestamp: head.createdAt,
        url: `${p.webUrl}/-/commit/${head.id}`,
        author: { name: fakeUser.name, email: 'remediation-bot@example.com' },
      },
      action: options.action,
      ...(options.oldrev ? { oldrev: options.oldrev } : {}),
    },
    labels: [],
    changes: {},
    repository: {
      name: project.name,
      url: project.url,
      description: null,
      homepage: p.webUrl,
    },
  };
}
