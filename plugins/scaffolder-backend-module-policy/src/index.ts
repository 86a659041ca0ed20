/**
 * The scaffolder action `agentic:policy:check`: scans a template run's
 * workspace against the Policy agent's rules and fails the run on findings
 * at or above a chosen severity. The default export is the backend module.
 *
 * @packageDocumentation
 */
export { scaffolderModulePolicy as default } from './module';
export {
  createPolicyCheckAction,
  describeFinding,
  POLICY_CHECK_ACTION_ID,
} from './actions/policyCheck';
export type { ScanRecorder, WorkspaceScanner } from './actions/policyCheck';
export { PolicyScanRecorder } from './PolicyScanRecorder';
export type { ScanRecord } from './PolicyScanRecorder';
