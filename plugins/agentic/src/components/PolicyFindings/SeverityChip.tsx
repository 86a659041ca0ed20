import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { Severity } from '@agentic-devops/plugin-policy-common';
import { severityLabel } from './policyWords';

/** The colour of a severity, from the theme: critical is the strongest. */
export function severityColor(theme: Theme, severity: Severity): string {
  switch (severity) {
    case 'critical':
      return theme.palette.error.dark;
    case 'high':
      return theme.palette.error.main;
    case 'medium':
      return theme.palette.warning.main;
    default:
      return theme.palette.info.main;
  }
}

/** Every severity's colour, for drawings. */
export function useSeverityColors(): Record<Severity, string> {
  const theme = useTheme();
  return {
    critical: severityColor(theme, 'critical'),
    high: severityColor(theme, 'high'),
    medium: severityColor(theme, 'medium'),
    low: severityColor(theme, 'low'),
  };
}

const useStyles = makeStyles<Theme, { severity: Severity }>(theme => ({
  chip: {
    color: ({ severity }) =>
      theme.palette.getContrastText(severityColor(theme, severity)),
    backgroundColor: ({ severity }) => severityColor(theme, severity),
    margin: 0,
  },
}));

/** A severity as a filled chip in its colour. */
export function SeverityChip(props: { severity: Severity }) {
  const { severity } = props;
  const classes = useStyles({ severity });
  return (
    <Chip
      className={classes.chip}
      size="small"
      label={severityLabel(severity)}
      data-severity={severity}
    />
  );
}
