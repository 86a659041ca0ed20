/**
 * GitLab merge requests for the Policy agent: each push (a merge request
 * webhook, through the events backend's GitLab module) has its changed
 * files scanned, one note kept up to date and a commit status set, through
 * @gitbeaker/rest. The default export is the backend module; it registers
 * the source when `integrations.gitlab` has a token.
 *
 * @packageDocumentation
 */
export { policyModuleGitlab as default } from './module';
export {
  GitlabMergeRequestSource,
  GITLAB_MERGE_REQUEST_TOPIC,
} from './GitlabMergeRequestSource';
export type { GitlabMergeRequestSourceOptions } from './GitlabMergeRequestSource';
export { parseMergeRequestEvent } from './parseMergeRequestEvent';
export type { ParsedMergeRequestEvent } from './parseMergeRequestEvent';
