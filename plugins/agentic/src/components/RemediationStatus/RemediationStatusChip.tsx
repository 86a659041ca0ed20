import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { RemediationStatus } from '@agentic-devops/plugin-remediation-common';
import { remediationStatusLabel } from '../../lib/remediation';

/** How a status reads at a glance. */
export type RemediationStatusTone =
  | 'ok'
  | 'error'
  | 'waiting'
  | 'working'
  | 'neutral';

export function remediationStatusTone(
  status: RemediationStatus,
): RemediationStatusTone {
  switch (status) {
    case 'fixed':
      return 'ok';
    case 'failed':
    case 'gave_up':
      return 'error';
    case 'awaiting_approval':
      return 'waiting';
    case 'not_fixable':
    case 'rejected':
      return 'neutral';
    default:
      // received, diagnosing, fixing, verifying
      return 'working';
  }
}

const toneColor = (theme: Theme, tone: RemediationStatusTone) => {
  switch (tone) {
    case 'ok':
      return theme.palette.success.main;
    case 'error':
      return theme.palette.error.main;
    case 'waiting':
      return theme.palette.warning.main;
    case 'working':
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
};

const useStyles = makeStyles<Theme, { tone: RemediationStatusTone }>(theme => ({
  chip: {
    color: ({ tone }) => toneColor(theme, tone),
    borderColor: ({ tone }) => toneColor(theme, tone),
    margin: 0,
  },
}));

/** A remediation's status as an outlined chip, coloured by how it reads. */
export function RemediationStatusChip(props: { status: RemediationStatus }) {
  const tone = remediationStatusTone(props.status);
  const classes = useStyles({ tone });
  return (
    <Chip
      className={classes.chip}
      variant="outlined"
      size="small"
      label={remediationStatusLabel(props.status)}
      data-tone={tone}
    />
  );
}
