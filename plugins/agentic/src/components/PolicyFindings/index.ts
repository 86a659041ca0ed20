export { FindingsTable } from './FindingsTable';
export type { FindingsTableProps, ScanFinding } from './FindingsTable';
export { SeverityChip, severityColor, useSeverityColors } from './SeverityChip';
export { SeverityCounts } from './SeverityCounts';
export { countFindings } from './findingCounts';
export type { FindingCounts } from './findingCounts';
export {
  findingLocation,
  findingStatusLabel,
  formatDay,
  severityLabel,
  triggerLabel,
} from './policyWords';
