import {
  createGitlabClient,
  GitlabClient,
  GitlabConnection,
} from './gitlabClient';

const hostOf = (url: string | undefined) =>
  (url && URL.parse(url)?.host) || undefined;

/**
 * One gitbeaker client per configured GitLab. A job, merge request or
 * pipeline is served by the integration whose host its web URL names, else
 * by the first one: with a single GitLab that is the only one.
 */
export class GitlabClients {
  readonly #connections: GitlabConnection[];
  readonly #clients = new Map<GitlabConnection, GitlabClient>();

  constructor(connections: GitlabConnection[]) {
    if (connections.length === 0) {
      throw new Error(
        'No GitLab integration with a token is configured (integrations.gitlab)',
      );
    }
    this.#connections = connections;
  }

  get hosts(): string[] {
    return this.#connections.map(c => c.host);
  }

  /** The client of the GitLab a job's (or pipeline's) web URL names. */
  forJob(job: { jobUrl?: string; pipelineUrl?: string }): GitlabClient {
    return this.forUrl(job.jobUrl, job.pipelineUrl);
  }

  /** The client of the GitLab the first of these web URLs names (else the first one). */
  forUrl(...urls: Array<string | undefined>): GitlabClient {
    const connection = this.connectionFor(...urls);
    let client = this.#clients.get(connection);
    if (!client) {
      client = createGitlabClient(connection);
      this.#clients.set(connection, client);
    }
    return client;
  }

  connectionFor(...urls: Array<string | undefined>) {
    for (const host of urls.map(hostOf)) {
      const match =
        host &&
        this.#connections.find(
          c => c.host === host || hostOf(c.baseUrl) === host,
        );
      if (match) return match;
    }
    return this.#connections[0];
  }
}
