export { RemediationTable } from './RemediationTable';
export type { RemediationTableProps } from './RemediationTable';
