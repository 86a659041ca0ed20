import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import {
  createGitlabClient,
  GitlabClient,
  GitlabConnection,
} from './gitlabClient';

const hostOf = (url: string | undefined) =>
  (url && URL.parse(url)?.host) || undefined;

/**
 * One gitbeaker client per configured GitLab. A job is served by the
 * integration whose host its job (or pipeline) URL names, else by the
 * first one: with a single GitLab that is the only one.
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

  forJob(job: Pick<FailedJob, 'jobUrl' | 'pipelineUrl'>): GitlabClient {
    const connection = this.connectionFor(job);
    let client = this.#clients.get(connection);
    if (!client) {
      client = createGitlabClient(connection);
      this.#clients.set(connection, client);
    }
    return client;
  }

  connectionFor(job: Pick<FailedJob, 'jobUrl' | 'pipelineUrl'>) {
    for (const host of [hostOf(job.jobUrl), hostOf(job.pipelineUrl)]) {
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
