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
export { parsePipelineEvent } from './parsePipelineEvent';
export type { ParsedPipelineEvent } from './parsePipelineEvent';
export type { PushPipelineWait } from './pipelines/pipelineOfBranchHead';
