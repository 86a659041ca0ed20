import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { compliancePercent, FrameworkSummary } from './compliance';

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(2),
    height: '100%',
  },
  bar: {
    marginTop: theme.spacing(1),
  },
}));

/** Per framework: the share of compliant entity-rule pairs, as a figure and a bar. */
export function ComplianceSummary(props: { frameworks: FrameworkSummary[] }) {
  const classes = useStyles();
  return (
    <Grid container spacing={2}>
      {props.frameworks.map(({ framework, compliant, total }) => (
        <Grid item xs={12} sm={6} md={3} key={framework}>
          <Paper
            component="section"
            aria-label={framework}
            className={classes.tile}
          >
            <Typography variant="overline" color="textSecondary" component="h3">
              {framework}
            </Typography>
            <Typography variant="h4" component="p">
              {compliancePercent(compliant, total)}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {compliant} of {total} compliant
            </Typography>
            <LinearProgress
              className={classes.bar}
              variant="determinate"
              value={total > 0 ? (compliant / total) * 100 : 0}
              aria-label={`${framework}: ${compliant} of ${total} compliant`}
            />
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}
