import {
  branchJson,
  commitJson,
  commitStatusJson,
  currentUserJson,
  expandedPipelineJson,
  fileJson,
  groupNamespaceJson,
  jobJson,
  mergeRequestDiffJson,
  mergeRequestJson,
  noteJson,
  pipelineJson,
  projectJson,
  protectedBranchJson,
  treeEntryJson,
  variableJson,
} from './fakeGitlabJson';
import { FakeGitlabProject, FakeIds } from './fakeGitlabProject';

/** What a route answers: JSON, or a body streamed in chunks (job traces). */
export type FakeReply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { status: number; stream: Buffer; contentType: string };

/** The instance, for the routes that create or list projects. */
export interface FakeInstance {
  groups(): string[];
  projects(): FakeGitlabProject[];
  /** A new project with an empty repository that git can push to. */
  createProject(pathWithNamespace: string): FakeGitlabProject;
}

/** What a route outside any project (`/user`) is given. */
export interface InstanceRouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  /** This request's URL, for pagination links. */
  url: URL;
  ids: FakeIds;
  instance: FakeInstance;
}

export interface RouteContext extends InstanceRouteContext {
  project: FakeGitlabProject;
}

export interface FakeRoute<Context = RouteContext> {
  method: 'GET' | 'POST' | 'PUT';
  /** Relative to /api/v4, as GitLab's docs name it: `/projects/:id/pipelines`. */
  template: string;
  handle(ctx: Context): FakeReply;
}

const json = (status: number, body: unknown): FakeReply => ({ status, body });
const message = (status: number, text: unknown) =>
  json(status, { message: text });
const missing = (what: string) => message(404, `404 ${what} Not Found`);

/** Offset pagination with GitLab's headers, including the `Link` to the next page. */
function page(items: unknown[], ctx: InstanceRouteContext): FakeReply {
  const perPage = Math.min(Number(ctx.query.get('per_page') ?? 20), 100);
  const current = Math.max(Number(ctx.query.get('page') ?? 1), 1);
  const totalPages = Math.max(Math.ceil(items.length / perPage), 1);
  const headers: Record<string, string> = {
    'x-page': String(current),
    'x-per-page': String(perPage),
    'x-total': String(items.length),
    'x-total-pages': String(totalPages),
    'x-next-page': current < totalPages ? String(current + 1) : '',
    'x-prev-page': current > 1 ? String(current - 1) : '',
  };
  if (current < totalPages) {
    const next = new URL(ctx.url);
    next.searchParams.set('page', String(current + 1));
    headers.link = `<${next}>; rel="next"`;
  }
  const start = (current - 1) * perPage;
  return { status: 200, body: items.slice(start, start + perPage), headers };
}

function required(
  ctx: RouteContext,
  ...names: string[]
): FakeReply | undefined {
  const absent = names.find(
    n => ctx.body?.[n] === undefined && !ctx.query.has(n),
  );
  return absent ? json(400, { error: `${absent} is missing` }) : undefined;
}

const param = (ctx: RouteContext, name: string) =>
  ctx.body?.[name] ?? ctx.query.get(name) ?? undefined;

/** Masked values: one line, at least 8 characters of Base64 and `@:.~`. */
const maskable = (value: string) => /^[A-Za-z0-9+/=@:.~_-]{8,}$/.test(value);

const STATUS_STATES = [
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
];
const UNFINISHED_STATUSES = ['pending', 'running'];

/** Moves GitLab refuses on an unfinished status: the event, from which states. */
const REFUSED_TRANSITIONS: Record<string, { event: string; from: string[] }> = {
  pending: { event: 'enqueue', from: ['pending', 'running'] },
  running: { event: 'run', from: ['running'] },
};

/**
 * `POST /projects/:id/statuses/:sha`: GitLab moves an unfinished status of
 * that name and ref along (refusing `pending` on a pending one); a finished
 * one stays and a new one starts.
 */
function postCommitStatus(ctx: RouteContext): FakeReply {
  const invalid = required(ctx, 'state');
  if (invalid) return invalid;
  const { project, params } = ctx;
  const sha = project.resolveRef(params.sha);
  if (!sha || sha !== params.sha) return missing('Commit');
  const state = String(param(ctx, 'state'));
  if (!STATUS_STATES.includes(state)) {
    return json(400, { error: 'state does not have a valid value' });
  }
  const description = param(ctx, 'description');
  const targetUrl = param(ctx, 'target_url');
  const problems: Record<string, string[]> = {};
  if (description !== undefined && String(description).length > 255) {
    problems.description = ['is too long (maximum is 255 characters)'];
  }
  if (
    targetUrl !== undefined &&
    (String(targetUrl).length > 255 ||
      !/^https?:\/\/[^\s/]+/.test(String(targetUrl)))
  ) {
    problems.target_url = ['is blocked: Only allowed schemes are http, https'];
  }
  if (Object.keys(problems).length > 0) return message(400, problems);
  const name = String(param(ctx, 'name') ?? param(ctx, 'context') ?? 'default');
  const ref = param(ctx, 'ref') ?? project.branchContaining(sha) ?? null;

  let status = project.statuses.find(
    s =>
      s.sha === sha &&
      s.name === name &&
      s.ref === ref &&
      UNFINISHED_STATUSES.includes(s.status),
  );
  const refused = REFUSED_TRANSITIONS[state];
  if (status && refused?.from.includes(status.status)) {
    return message(
      400,
      `Cannot transition status via :${refused.event} from :${status.status} (Reason(s): Status cannot transition via "${refused.event}")`,
    );
  }
  if (!status) {
    status = {
      id: ctx.ids.next('status'),
      sha,
      ref,
      name,
      status: state,
      description: null,
      targetUrl: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    };
    project.statuses.push(status);
  }
  status.status = state;
  if (description !== undefined) status.description = String(description);
  if (targetUrl !== undefined) status.targetUrl = String(targetUrl);
  status.finishedAt = UNFINISHED_STATUSES.includes(state)
    ? null
    : new Date().toISOString();
  return json(201, commitStatusJson(status));
}

/** The routes outside any project the GitLab sources call. */
export const fakeGitlabInstanceRoutes: FakeRoute<InstanceRouteContext>[] = [
  {
    method: 'GET',
    template: '/user',
    handle: () => json(200, currentUserJson()),
  },
  // What Backstage's publish:gitlab calls to create a project.
  {
    method: 'GET',
    template: '/namespaces/:id',
    handle: ({ params, instance }) => {
      const groups = instance.groups();
      const index = groups.indexOf(params.id);
      return index < 0
        ? missing('Namespace')
        : json(200, groupNamespaceJson(index + 1, params.id));
    },
  },
  {
    method: 'GET',
    template: '/groups/:id/projects',
    handle: ctx => {
      const search = ctx.query.get('search') ?? '';
      return page(
        ctx.instance
          .projects()
          .filter(
            p =>
              p.pathWithNamespace.startsWith(`${ctx.params.id}/`) &&
              p.pathWithNamespace.split('/').pop()!.includes(search),
          )
          .map(projectJson),
        ctx,
      );
    },
  },
  {
    method: 'POST',
    template: '/projects',
    handle: ({ body, instance }) => {
      const groups = instance.groups();
      const namespace = groups[Number(body.namespace_id) - 1];
      const projectPath = String(body.path ?? body.name ?? '');
      if (!namespace || !projectPath) {
        return message(400, 'namespace_id and path are required');
      }
      const full = `${namespace}/${projectPath}`;
      if (instance.projects().some(p => p.pathWithNamespace === full)) {
        return message(400, { path: ['has already been taken'] });
      }
      return json(201, projectJson(instance.createProject(full)));
    },
  },
];

/**
 * The project routes the GitLab sources (remediation, policy) call, and
 * nothing else.
 */
export const fakeGitlabRoutes: FakeRoute[] = [
  {
    method: 'GET',
    template: '/projects/:id',
    handle: ({ project }) => json(200, projectJson(project)),
  },
  {
    method: 'GET',
    template: '/projects/:id/protected_branches',
    handle: ctx =>
      page(ctx.project.protectedBranches.map(protectedBranchJson), ctx),
  },
  {
    method: 'GET',
    template: '/projects/:id/repository/branches/:branch',
    handle: ({ project, params }) =>
      project.branches.has(params.branch)
        ? json(200, branchJson(project, params.branch))
        : missing('Branch'),
  },
  {
    method: 'POST',
    template: '/projects/:id/repository/branches',
    handle: ctx => {
      const invalid = required(ctx, 'branch', 'ref');
      if (invalid) return invalid;
      const { project } = ctx;
      const branch = String(param(ctx, 'branch'));
      const ref = String(param(ctx, 'ref'));
      if (project.branches.has(branch)) {
        return message(400, 'Branch already exists');
      }
      const sha = project.resolveRef(ref);
      if (!sha) return message(400, `Invalid reference name: ${ref}`);
      project.branches.set(branch, sha);
      return json(201, branchJson(project, branch));
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/repository/files/:file_path',
    handle: ctx => {
      const invalid = required(ctx, 'ref');
      if (invalid) return invalid;
      const ref = ctx.query.get('ref')!;
      const content = ctx.project.fileAt(ref, ctx.params.file_path);
      return content === undefined
        ? missing('File')
        : json(200, fileJson(ctx.project, ref, ctx.params.file_path, content));
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/repository/commits',
    handle: ctx => {
      const invalid = required(ctx, 'branch', 'commit_message', 'actions');
      if (invalid) return invalid;
      const { project, body } = ctx;
      const branch: string = body.branch;
      const head = project.branches.get(branch);
      if (!head) {
        return message(
          400,
          'You can only create or edit files when you are on a branch',
        );
      }
      if (project.isProtected(branch)) {
        return message(
          403,
          '403 Forbidden - You are not allowed to push into this branch',
        );
      }
      const files = project.commits.get(head)!.files;
      const changes: Record<string, string | null> = {};
      for (const action of body.actions as any[]) {
        const exists = files.has(action.file_path);
        if (action.action === 'create' && exists) {
          return message(400, 'A file with this name already exists');
        }
        if (action.action !== 'create' && !exists) {
          return message(400, "A file with this name doesn't exist");
        }
        if (action.action === 'create' || action.action === 'update') {
          changes[action.file_path] =
            action.encoding === 'base64'
              ? Buffer.from(action.content, 'base64').toString('utf8')
              : action.content;
        } else if (action.action === 'delete') {
          changes[action.file_path] = null;
        } else {
          return message(400, `Unknown action '${action.action}'`);
        }
      }
      const sha = project.commit(branch, changes, body.commit_message);
      // A push with a .gitlab-ci.yml starts the branch's pipeline.
      if (project.pipelinesOnPush) project.startPipeline(branch, 'push');
      return json(201, {
        ...commitJson(project, project.commits.get(sha)!),
        stats: { additions: 0, deletions: 0, total: 0 },
        status: null,
        project_id: project.id,
        last_pipeline: null,
      });
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/merge_requests',
    handle: ctx => {
      const state = ctx.query.get('state') ?? 'all';
      const source = ctx.query.get('source_branch');
      const target = ctx.query.get('target_branch');
      const found = [...ctx.project.mergeRequests]
        .sort((a, b) => b.iid - a.iid)
        .filter(mr => state === 'all' || mr.state === state)
        .filter(mr => !source || mr.sourceBranch === source)
        .filter(mr => !target || mr.targetBranch === target);
      return page(
        found.map(mr => mergeRequestJson(ctx.project, mr)),
        ctx,
      );
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/merge_requests',
    handle: ctx => {
      const invalid = required(ctx, 'source_branch', 'target_branch', 'title');
      if (invalid) return invalid;
      const { project, body } = ctx;
      for (const branch of [body.source_branch, body.target_branch]) {
        if (!project.branches.has(branch)) {
          return message(404, '404 Branch Not Found');
        }
      }
      if (body.source_branch === body.target_branch) {
        return message(400, [
          "You can't use same project/branch for source and target",
        ]);
      }
      const existing = project
        .openMergeRequests()
        .find(
          mr =>
            mr.sourceBranch === body.source_branch &&
            mr.targetBranch === body.target_branch,
        );
      if (existing) {
        return message(409, [
          `Another open merge request already exists for this source branch: !${existing.iid}`,
        ]);
      }
      const mr = project.addMergeRequest({
        sourceBranch: body.source_branch,
        targetBranch: body.target_branch,
        title: String(body.title),
        description: String(body.description ?? ''),
        removeSourceBranch: Boolean(body.remove_source_branch),
      });
      return json(201, mergeRequestJson(project, mr));
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/merge_requests/:merge_request_iid/notes',
    handle: ctx => {
      const invalid = required(ctx, 'body');
      if (invalid) return invalid;
      const mr = ctx.project.mergeRequest(ctx.params.merge_request_iid);
      if (!mr) return missing('Merge Request');
      const note = ctx.project.addNote(mr, { body: String(ctx.body.body) });
      return json(201, noteJson(ctx.project, mr, note));
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/merge_requests/:merge_request_iid/notes',
    handle: ctx => {
      const mr = ctx.project.mergeRequest(ctx.params.merge_request_iid);
      if (!mr) return missing('Merge Request');
      const key =
        ctx.query.get('order_by') === 'updated_at' ? 'updatedAt' : 'createdAt';
      const ascending = ctx.query.get('sort') === 'asc';
      const notes = [...mr.notes].sort((a, b) => {
        const order =
          (a[key] ?? a.createdAt).localeCompare(b[key] ?? b.createdAt) ||
          a.id - b.id;
        return ascending ? order : -order;
      });
      return page(
        notes.map(note => noteJson(ctx.project, mr, note)),
        ctx,
      );
    },
  },
  {
    method: 'PUT',
    template: '/projects/:id/merge_requests/:merge_request_iid/notes/:note_id',
    handle: ctx => {
      const invalid = required(ctx, 'body');
      if (invalid) return invalid;
      const mr = ctx.project.mergeRequest(ctx.params.merge_request_iid);
      const note = mr?.notes.find(n => String(n.id) === ctx.params.note_id);
      if (!mr || !note) return missing('Note');
      // Only its author may edit a note (a token's user is not an admin here).
      if (note.author || note.system) return message(403, '403 Forbidden');
      note.body = String(param(ctx, 'body'));
      note.updatedAt = new Date().toISOString();
      return json(200, noteJson(ctx.project, mr, note));
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/merge_requests/:merge_request_iid/diffs',
    handle: ctx => {
      const mr = ctx.project.mergeRequest(ctx.params.merge_request_iid);
      if (!mr) return missing('Merge Request');
      return page(ctx.project.changesOf(mr).map(mergeRequestDiffJson), ctx);
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/repository/files/:file_path/raw',
    handle: ctx => {
      const ref = ctx.query.get('ref') ?? ctx.project.defaultBranch;
      const content = ctx.project.fileAt(ref, ctx.params.file_path);
      if (content === undefined) return missing('File');
      return {
        status: 200,
        stream: Buffer.from(content, 'utf8'),
        contentType: content.includes('\0')
          ? 'application/octet-stream'
          : 'text/plain',
      };
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/repository/tree',
    handle: ctx => {
      const ref = ctx.query.get('ref') ?? ctx.project.defaultBranch;
      const entries = ctx.project.treeAt(ref, ctx.query.get('path') ?? '');
      if (!entries) return missing('Tree');
      return page(entries.map(treeEntryJson), ctx);
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/statuses/:sha',
    handle: postCommitStatus,
  },
  {
    method: 'GET',
    template: '/projects/:id/jobs/:job_id/trace',
    handle: ({ project, params }) => {
      const job = project.jobs.get(Number(params.job_id));
      if (!job?.trace) return message(404, '404 Not found');
      return { status: 200, stream: job.trace, contentType: 'text/plain' };
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/jobs/:job_id/retry',
    handle: ({ project, params }) => {
      const job = project.jobs.get(Number(params.job_id));
      if (!job) return missing('Job');
      if (!['failed', 'canceled', 'success'].includes(job.status)) {
        return message(403, '403 Forbidden - Job is not retryable');
      }
      const retry = project.retryJob(job);
      return json(201, jobJson(project, retry));
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/pipelines',
    handle: ctx => {
      const ref = ctx.query.get('ref');
      const sha = ctx.query.get('sha');
      const status = ctx.query.get('status');
      const ascending = ctx.query.get('sort') === 'asc';
      const found = ctx.project.pipelines
        .filter(p => !ref || p.ref === ref)
        .filter(p => !sha || p.sha === sha)
        .filter(p => !status || p.status === status)
        .sort((a, b) => (ascending ? a.id - b.id : b.id - a.id));
      return page(
        found.map(p => pipelineJson(ctx.project, p)),
        ctx,
      );
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/pipeline',
    handle: ctx => {
      const invalid = required(ctx, 'ref');
      if (invalid) return invalid;
      const ref = String(param(ctx, 'ref'));
      if (!ctx.project.branches.has(ref)) {
        return message(400, { base: ['Reference not found'] });
      }
      const pipeline = ctx.project.startPipeline(ref, 'api');
      return json(201, expandedPipelineJson(ctx.project, pipeline));
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/pipelines/:pipeline_id',
    handle: ({ project, params }) => {
      const pipeline = project.pipelines.find(
        p => String(p.id) === params.pipeline_id,
      );
      if (!pipeline) return missing('Pipeline');
      project.observe(pipeline);
      return json(200, expandedPipelineJson(project, pipeline));
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/pipelines/:pipeline_id/retry',
    handle: ({ project, params }) => {
      const pipeline = project.pipelines.find(
        p => String(p.id) === params.pipeline_id,
      );
      if (!pipeline) return missing('Pipeline');
      project.retryPipeline(pipeline);
      return json(201, expandedPipelineJson(project, pipeline));
    },
  },
  {
    method: 'GET',
    template: '/projects/:id/variables/:key',
    handle: ({ project, params }) => {
      const variable = project.variables.get(params.key);
      return variable ? json(200, variableJson(variable)) : missing('Variable');
    },
  },
  {
    method: 'POST',
    template: '/projects/:id/variables',
    handle: ctx => {
      const invalid = required(ctx, 'key', 'value');
      if (invalid) return invalid;
      const { project, body } = ctx;
      if (project.variables.has(body.key)) {
        return message(400, { key: [`(${body.key}) has already been taken`] });
      }
      if (body.masked && !maskable(body.value)) {
        return message(400, { value: ['is invalid'] });
      }
      const variable = {
        key: String(body.key),
        value: String(body.value),
        masked: Boolean(body.masked),
        protected: Boolean(body.protected),
        raw: Boolean(body.raw),
        variableType: body.variable_type ?? 'env_var',
        environmentScope: body.environment_scope ?? '*',
        description: body.description ?? null,
      };
      project.variables.set(variable.key, variable);
      return json(201, variableJson(variable));
    },
  },
  {
    method: 'PUT',
    template: '/projects/:id/variables/:key',
    handle: ctx => {
      const variable = ctx.project.variables.get(ctx.params.key);
      if (!variable) return missing('Variable');
      const { body } = ctx;
      const masked = body.masked ?? variable.masked;
      const value = body.value ?? variable.value;
      if (masked && !maskable(value)) {
        return message(400, { value: ['is invalid'] });
      }
      Object.assign(variable, {
        value: String(value),
        masked: Boolean(masked),
        protected: body.protected ?? variable.protected,
        raw: body.raw ?? variable.raw,
      });
      return json(200, variableJson(variable));
    },
  },
];
