/**
 * Local git repositories and a local pipeline runner (gitlab-ci-local, shell
 * executor) for the Remediation agent: the embedded default, standing in for
 * GitLab and GitLab CI.
 *
 * @packageDocumentation
 */
export { remediationModuleLocal as default } from './module';
export {
  LocalRemediationSource,
  DEFAULT_DATA_DIRECTORY,
} from './LocalRemediationSource';
export type { LocalRemediationSourceOptions } from './LocalRemediationSource';
export { LocalPipelineRunner } from './LocalPipelineRunner';
export type {
  LocalPipelineRunnerOptions,
  RunPipelineOptions,
} from './LocalPipelineRunner';
export { LocalFixBranch, AGENT_AUTHOR } from './LocalFixBranch';
export type {
  LocalJob,
  LocalJobFailureReason,
  LocalJobStatus,
  LocalPipeline,
} from './runner/types';
