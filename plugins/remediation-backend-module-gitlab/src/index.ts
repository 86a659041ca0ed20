/**
 * GitLab for the Remediation agent: failed jobs from pipeline webhooks,
 * job logs, fix branches, merge requests and pipelines, through
 * @gitbeaker/rest. The default export is the backend module; it registers
 * the source when `integrations.gitlab` has a token.
 *
 * @packageDocumentation
 */
export { remediationModuleGitlab as default } from './module';
export {
  GitlabRemediationSource,
  GITLAB_PIPELINE_TOPIC,
} from './GitlabRemediationSource';
export type { GitlabRemediationSourceOptions } from './GitlabRemediationSource';
export type { GitlabConnection } from './api/gitlabClient';
export { readGitlabConnections } from './config/readGitlabConnections';
// Shared with the policy module's GitLab merge request source until both
// move to a GitLab node package: the client per host and error mapping.
export type { GitlabClient } from './api/gitlabClient';
export { GitlabClients } from './api/GitlabClients';
export { callGitlab, describeCall, findInGitlab } from './api/callGitlab';
export { parsePipelineEvent } from './parsePipelineEvent';
export type { ParsedPipelineEvent } from './parsePipelineEvent';
export type { PushPipelineWait } from './pipelines/pipelineOfBranchHead';
