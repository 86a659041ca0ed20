import { Gitlab } from '@gitbeaker/rest';

/** Where the source talks to: one GitLab integration with a token. */
export interface GitlabConnection {
  /** The integration's `host` (`gitlab.example.com`, or `host:port`). */
  host: string;
  /** Where its web pages are, e.g. `https://gitlab.example.com`. */
  baseUrl?: string;
  /** `https://gitlab.example.com/api/v4`, no trailing slash. */
  apiBaseUrl: string;
  token: string;
}

/** Responses as GitLab sends them (snake_case), not camelized. */
export type GitlabClient = Gitlab<false>;

const API_SUFFIX = /\/api\/v4\/?$/;

/** Whether gitbeaker can reach this API: it always appends `/api/v4` to its host. */
export function isGitbeakerApiBaseUrl(apiBaseUrl: string): boolean {
  return API_SUFFIX.test(apiBaseUrl);
}

/** A gitbeaker client for the connection (it sends the token as PRIVATE-TOKEN). */
export function createGitlabClient(connection: GitlabConnection): GitlabClient {
  if (!isGitbeakerApiBaseUrl(connection.apiBaseUrl)) {
    throw new Error(
      `GitLab apiBaseUrl ${connection.apiBaseUrl} does not end in /api/v4`,
    );
  }
  return new Gitlab({
    host: connection.apiBaseUrl.replace(API_SUFFIX, ''),
    token: connection.token,
    // A hung call should fail in a minute so the Planner can retry it,
    // not hold its task for gitbeaker's default five. (Job logs are read
    // through the requester directly and are not bound by this.)
    queryTimeout: 60_000,
  });
}
