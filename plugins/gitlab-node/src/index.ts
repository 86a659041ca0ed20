/**
 * GitLab for the agents' backend modules (remediation, policy): the
 * integrations with a token, one gitbeaker client per host, and calls whose
 * errors name the route and say whether retrying can help.
 *
 * @packageDocumentation
 */
export type { GitlabConnection, GitlabClient } from './api/gitlabClient';
export { createGitlabClient, isGitbeakerApiBaseUrl } from './api/gitlabClient';
export { GitlabClients } from './api/GitlabClients';
export { callGitlab, describeCall, findInGitlab } from './api/callGitlab';
export { gitlabStatusError, gitlabUnreachableError } from './api/gitlabErrors';
export { readGitlabConnections } from './config/readGitlabConnections';
