export { WaiverList } from './WaiverList';
export { WaiverRequestDialog } from './WaiverRequestDialog';
export type { WaiverRequestDialogProps } from './WaiverRequestDialog';
export { WaiverStatusChip } from './WaiverStatusChip';
