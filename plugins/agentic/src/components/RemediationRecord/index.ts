export { RemediationRecord } from './RemediationRecord';
export type { RemediationRecordProps } from './RemediationRecord';
export { JobLink, MergeRequestLink } from './RemediationLinks';
