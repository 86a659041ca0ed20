import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SEVERITIES } from '@agentic-devops/plugin-policy-common';
import { FindingCounts } from './findingCounts';
import { severityLabel } from './policyWords';
import { useSeverityColors } from './SeverityChip';

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(1, 2),
    minWidth: 96,
    borderLeft: '4px solid',
  },
}));

function Tile(props: { label: string; count: number; color?: string }) {
  const classes = useStyles();
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`${props.label}: ${props.count}`}
      className={classes.tile}
      style={{ borderLeftColor: props.color ?? 'transparent' }}
    >
      <Typography variant="overline" color="textSecondary" component="h4">
        {props.label}
      </Typography>
      <Typography variant="h5" component="p">
        {props.count}
      </Typography>
    </Paper>
  );
}

/**
 * The open findings of a scan per severity, and beside them how many are
 * waived and how many cannot be decided before apply.
 */
export function SeverityCounts(props: { counts: FindingCounts }) {
  const { counts } = props;
  const colors = useSeverityColors();
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {SEVERITIES.map(severity => (
        <Tile
          key={severity}
          label={severityLabel(severity)}
          count={counts.open[severity]}
          color={colors[severity]}
        />
      ))}
      <Tile label="Waived" count={counts.waived} />
      <Tile label="Undecided before apply" count={counts.undecided} />
    </Box>
  );
}
