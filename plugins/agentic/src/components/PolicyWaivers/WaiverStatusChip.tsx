import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { WaiverStatus } from '@agentic-devops/plugin-policy-common';

const statusColor = (theme: Theme, status: WaiverStatus) => {
  switch (status) {
    case 'approved':
      return theme.palette.success.main;
    case 'pending':
      return theme.palette.warning.main;
    case 'rejected':
      return theme.palette.error.main;
    default:
      return theme.palette.text.secondary;
  }
};

const useStyles = makeStyles<Theme, { status: WaiverStatus }>(theme => ({
  chip: {
    color: ({ status }) => statusColor(theme, status),
    borderColor: ({ status }) => statusColor(theme, status),
    margin: 0,
  },
}));

/** A waiver's status as an outlined chip: approved applies, pending waits, the rest do not apply. */
export function WaiverStatusChip(props: { status: WaiverStatus }) {
  const classes = useStyles({ status: props.status });
  return (
    <Chip
      className={classes.chip}
      variant="outlined"
      size="small"
      label={props.status}
    />
  );
}
