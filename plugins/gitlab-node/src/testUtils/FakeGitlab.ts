import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import {
  gitProjectOf,
  initBareRepository,
  readBranchFiles,
  serveGitHttp,
} from './fakeGitHttp';
import {
  mergeRequestHookJson,
  MergeRequestHookAction,
  pipelineHookJson,
} from './fakeGitlabJson';
import {
  FakeGitlabProject,
  FakeIds,
  FakePipeline,
  FakePipelinePolicy,
} from './fakeGitlabProject';
import {
  FakeInstance,
  fakeGitlabInstanceRoutes,
  FakeReply,
  fakeGitlabRoutes,
  FakeRoute,
} from './fakeGitlabRoutes';

export const fakeGitlabToken = 'fake-gitlab-token';

/** One request the fake received, after routing. */
export interface FakeGitlabRequest {
  method: string;
  /** The matched route, e.g. `POST /projects/:id/repository/commits`. */
  route?: string;
  /** The path below /api/v4, decoded segment by segment. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: any;
  /** Whether it carried the right `PRIVATE-TOKEN`. */
  authorized: boolean;
}

/** What a test makes the next request to a route answer instead. */
export type FakeFault = { status: number; message?: string } | 'reset';

export interface SeedProject {
  /** `group/project` (namespaces may nest: `group/sub/project`). */
  path: string;
  defaultBranch?: string;
  /** The files of the initial commit on the default branch. */
  files?: Record<string, string>;
  /** Names or wildcards; defaults to the default branch. */
  protectedBranches?: string[];
  /** Whether commits pushed through the API start a pipeline (default true). */
  pipelinesOnPush?: boolean;
}

export interface SeedFailedPipeline {
  /** Defaults to the default branch. */
  ref?: string;
  jobs: Array<{
    name: string;
    stage?: string;
    /** Defaults to failed. */
    status?: string;
    allowFailure?: boolean;
    trace?: string | Buffer;
  }>;
}

const TRACE_CHUNK_BYTES = 64 * 1024;

function match(
  route: Pick<FakeRoute, 'method' | 'template'>,
  method: string,
  segments: string[],
): Record<string, string> | undefined {
  const parts = route.template.split('/').slice(1);
  if (route.method !== method || parts.length !== segments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':')) params[parts[i].slice(1)] = segments[i];
    else if (parts[i] !== segments[i]) return undefined;
  }
  return params;
}

async function readBody(req: http.IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if (req.headers['content-type']?.includes('application/json')) {
    return JSON.parse(text);
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Streams a trace in small writes, waiting for the socket to drain. */
async function stream(
  res: http.ServerResponse,
  body: Buffer,
  contentType: string,
) {
  res.writeHead(200, { 'content-type': `${contentType}; charset=utf-8` });
  for (let i = 0; i < body.length && !res.destroyed; i += TRACE_CHUNK_BYTES) {
    if (!res.write(body.subarray(i, i + TRACE_CHUNK_BYTES))) {
      await new Promise<void>(resolve => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  res.end();
}

function send(res: http.ServerResponse, reply: FakeReply) {
  if ('stream' in reply) {
    return stream(res, reply.stream, reply.contentType);
  }
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    ...reply.headers,
  });
  res.end(JSON.stringify(reply.body));
  return undefined;
}

/**
 * An in-memory GitLab on 127.0.0.1 (random port) that serves exactly the
 * REST routes the GitLab sources (remediation, policy) use, with GitLab's
 * response shapes and errors. It checks `PRIVATE-TOKEN`, records every
 * request and lets tests seed projects, files, failed pipelines with job
 * traces, protected branches, merge requests and their notes, steer
 * pipelines, produce the webhook bodies GitLab would send, and inject
 * faults.
 */
export class FakeGitlab {
  /** The instance's base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `${url}/api/v4`, for `integrations.gitlab[].apiBaseUrl`. */
  readonly apiBaseUrl: string;
  /** `host:port`, for `integrations.gitlab[].host`. */
  readonly host: string;
  readonly token: string;
  /** Every request received, in order (unauthorized and unrouted ones too). */
  readonly requests: FakeGitlabRequest[] = [];

  readonly #server: http.Server;
  readonly #projects = new Map<string, FakeGitlabProject>();
  /** Groups, in order of creation (a group's id is its index + 1). */
  readonly #groups: string[] = [];
  /** Bare repositories of the projects created through the API (git over HTTP). */
  #gitRoot?: string;
  readonly #faults = new Map<string, FakeFault[]>();
  readonly #counters = new Map<string, number>();
  readonly #ids: FakeIds = {
    next: kind => {
      const id = (this.#counters.get(kind) ?? 0) + 1;
      this.#counters.set(kind, id);
      return id;
    },
  };
  #pipelinePolicy: FakePipelinePolicy = {};

  static async start(options: { token?: string } = {}): Promise<FakeGitlab> {
    const server = http.createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new FakeGitlab(server, port, options.token ?? fakeGitlabToken);
  }

  private constructor(server: http.Server, port: number, token: string) {
    this.#server = server;
    this.url = `http://127.0.0.1:${port}`;
    this.apiBaseUrl = `${this.url}/api/v4`;
    this.host = `127.0.0.1:${port}`;
    this.token = token;
    server.on('request', (req, res) => {
      this.#handle(req, res).catch(error => {
        if (!res.headersSent) {
          send(res, { status: 500, body: { message: String(error) } });
        }
      });
    });
  }

  /** An `integrations.gitlab[]` entry pointing at the fake. */
  integrationConfig(): {
    host: string;
    apiBaseUrl: string;
    baseUrl: string;
    token: string;
  } {
    return {
      host: this.host,
      apiBaseUrl: this.apiBaseUrl,
      // Plain HTTP: without it Backstage assumes https://host.
      baseUrl: this.url,
      token: this.token,
    };
  }

  /** The requests to one route, e.g. `GET /projects/:id/pipelines`. */
  requestsTo(route: string): FakeGitlabRequest[] {
    return this.requests.filter(r => r.route === route);
  }

  /** A group that publish:gitlab may create projects in (a project's own group exists already). */
  addGroup(fullPath: string): void {
    if (!this.#groups.includes(fullPath)) this.#groups.push(fullPath);
  }

  /** The bare git repository of a project created through the API (`POST /projects`). */
  repositoryPath(projectPath: string): string {
    if (!this.#gitRoot)
      throw new Error('No project was created through the API');
    return path.join(this.#gitRoot, `${projectPath}.git`);
  }

  addProject(seed: SeedProject): FakeGitlabProject {
    this.addGroup(seed.path.split(/\/(?=[^/]+$)/)[0]);
    const project = new FakeGitlabProject(
      this.#ids.next('project'),
      seed.path,
      seed.defaultBranch ?? 'main',
      `${this.url}/${seed.path}`,
      this.#ids,
      seed,
      () => this.#pipelinePolicy,
    );
    this.#projects.set(seed.path, project);
    return project;
  }

  project(projectPath: string): FakeGitlabProject {
    const project = this.#projects.get(projectPath);
    if (!project) {
      throw new Error(`The fake GitLab has no project ${projectPath}`);
    }
    return project;
  }

  /** A failed pipeline of the ref's head with these jobs (failed unless said otherwise). */
  addFailedPipeline(
    projectPath: string,
    seed: SeedFailedPipeline,
  ): { pipelineId: number; jobIds: number[]; sha: string } {
    const project = this.project(projectPath);
    const pipeline = project.addPipeline({
      ref: seed.ref ?? project.defaultBranch,
      status: 'failed',
    });
    const jobIds = seed.jobs.map(
      job =>
        project.addJob({
          ...job,
          ref: pipeline.ref,
          commitSha: pipeline.sha,
          pipelineId: pipeline.id,
        }).id,
    );
    return { pipelineId: pipeline.id, jobIds, sha: pipeline.sha };
  }

  /** The body GitLab posts to a pipeline webhook for this pipeline, as it is now. */
  pipelineHookPayload(projectPath: string, pipelineId: number) {
    const project = this.project(projectPath);
    const pipeline = this.#pipeline(pipelineId).pipeline;
    return pipelineHookJson(project, pipeline, project.jobsOf(pipeline));
  }

  /**
   * The body GitLab posts to a merge request webhook for this merge request,
   * as it is now: `open` by default; an `update` that pushed commits names
   * the previous head in `oldrev`.
   */
  mergeRequestHookPayload(
    projectPath: string,
    iid: number,
    options: { action?: MergeRequestHookAction; oldrev?: string } = {},
  ) {
    const project = this.project(projectPath);
    const mr = project.mergeRequest(iid);
    if (!mr) {
      throw new Error(`The fake GitLab has no merge request !${iid}`);
    }
    return mergeRequestHookJson(project, mr, {
      action: options.action ?? 'open',
      oldrev: options.oldrev,
    });
  }

  setPipelineStatus(pipelineId: number, status: string): void {
    const { project, pipeline } = this.#pipeline(pipelineId);
    project.setPipelineStatus(pipeline, status);
  }

  /**
   * How pipelines that start from now on (pushes, API, retries) end: with
   * `status`, after `runningReads` reads of the pipeline have seen it
   * running. Without a status they run until `setPipelineStatus`.
   */
  finishNewPipelinesWith(
    status: string | undefined,
    options: { runningReads?: number } = {},
  ): void {
    this.#pipelinePolicy = { finishWith: status, ...options };
  }

  /** The next request to `route` fails with this status (or a reset connection). */
  failNext(route: string, fault: FakeFault): void {
    this.#faults.set(route, [...(this.#faults.get(route) ?? []), fault]);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise(resolve => this.#server.close(resolve));
    if (this.#gitRoot)
      fs.rmSync(this.#gitRoot, { recursive: true, force: true });
  }

  #pipeline(id: number): {
    project: FakeGitlabProject;
    pipeline: FakePipeline;
  } {
    for (const project of this.#projects.values()) {
      const pipeline = project.pipelines.find(p => p.id === id);
      if (pipeline) return { project, pipeline };
    }
    throw new Error(`The fake GitLab has no pipeline ${id}`);
  }

  readonly #instance: FakeInstance = {
    groups: () => [...this.#groups],
    projects: () => [...this.#projects.values()],
    createProject: pathWithNamespace => {
      this.#gitRoot ??= fs.mkdtempSync(
        path.join(os.tmpdir(), 'fake-gitlab-git-'),
      );
      initBareRepository(this.#gitRoot, pathWithNamespace);
      return this.addProject({ path: pathWithNamespace });
    },
  };

  /** git over HTTP for the projects created through the API; a push updates the project's files. */
  async #serveGit(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    projectPath: string,
  ) {
    const service = url.pathname.slice(projectPath.length + 5);
    this.requests.push({
      method: req.method ?? 'GET',
      route: `GIT ${service}`,
      path: url.pathname,
      params: { project: projectPath },
      query: Object.fromEntries(url.searchParams),
      body: {},
      authorized: true,
    });
    const project = this.#projects.get(projectPath);
    if (
      !this.#gitRoot ||
      !project ||
      !fs.existsSync(this.repositoryPath(projectPath))
    ) {
      res.writeHead(404);
      res.end('The project you were looking for could not be found.');
      return;
    }
    await serveGitHttp({
      req,
      res,
      url,
      root: this.#gitRoot,
      token: this.token,
    });
    if (service === '/git-receive-pack' && res.statusCode === 200) {
      // The project's API (files, commits) shows what was pushed.
      const pushed = readBranchFiles(
        this.repositoryPath(projectPath),
        project.defaultBranch,
      );
      const head = project.branches.get(project.defaultBranch);
      const before = head ? project.commits.get(head)!.files : new Map();
      const changes: Record<string, string | null> = { ...pushed };
      for (const name of before.keys()) {
        if (!(name in pushed)) changes[name] = null;
      }
      project.commit(project.defaultBranch, changes, 'Pushed over git');
    }
  }

  #findProject(idOrPath: string) {
    return (
      this.#projects.get(idOrPath) ??
      [...this.#projects.values()].find(p => String(p.id) === idOrPath)
    );
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const gitProject = gitProjectOf(url.pathname);
    if (gitProject !== undefined) {
      await this.#serveGit(req, res, url, gitProject);
      return;
    }
    const body = await readBody(req);
    const apiPath = url.pathname.replace(/^\/api\/v4/, '');
    const segments = apiPath.split('/').slice(1).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    let params: Record<string, string> | undefined;
    const find = <R extends Pick<FakeRoute, 'method' | 'template'>>(
      routes: R[],
    ) =>
      routes.find(r => {
        params = match(r, method, segments);
        return params !== undefined;
      });
    const instanceRoute = find(fakeGitlabInstanceRoutes);
    const projectRoute = instanceRoute ? undefined : find(fakeGitlabRoutes);
    const route = instanceRoute ?? projectRoute;
    const routeName = route && `${route.method} ${route.template}`;
    // As GitLab: a token in PRIVATE-TOKEN, or as a bearer token (Backstage's URL reader).
    const authorized =
      req.headers['private-token'] === this.token ||
      req.headers.authorization === `Bearer ${this.token}`;
    this.requests.push({
      method,
      route: routeName,
      path: `/${segments.join('/')}`,
      params: params ?? {},
      query: Object.fromEntries(url.searchParams),
      body,
      authorized,
    });

    if (!url.pathname.startsWith('/api/v4/') || !route || !params) {
      send(res, { status: 404, body: { error: '404 Not Found' } });
      return;
    }
    if (!authorized) {
      send(res, { status: 401, body: { message: '401 Unauthorized' } });
      return;
    }
    const fault = this.#faults.get(routeName!)?.shift();
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault) {
      send(res, {
        status: fault.status,
        body: { message: fault.message ?? `${fault.status} fake fault` },
      });
      return;
    }
    const context = {
      params,
      query: url.searchParams,
      body,
      url,
      ids: this.#ids,
      instance: this.#instance,
    };
    if (instanceRoute) {
      await send(res, instanceRoute.handle(context));
      return;
    }
    const project = this.#findProject(params.id);
    if (!project) {
      send(res, { status: 404, body: { message: '404 Project Not Found' } });
      return;
    }
    await send(res, projectRoute!.handle({ ...context, project }));
  }
}
