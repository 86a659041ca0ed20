export {
  RemediationStatusChip,
  remediationStatusTone,
} from './RemediationStatusChip';
