import { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RemediationStats } from '@agentic-devops/plugin-remediation-common';
import { formatMttr, formatRate } from '../../lib/remediation';

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(2),
    height: '100%',
  },
}));

function Figure(props: { label: string; value: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6} md={3}>
      <Paper
        component="section"
        aria-label={props.label}
        className={classes.tile}
      >
        <Typography variant="overline" color="textSecondary" component="h3">
          {props.label}
        </Typography>
        <Typography variant="h4" component="p">
          {props.value}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {props.children}
        </Typography>
      </Paper>
    </Grid>
  );
}

const count = (stats: RemediationStats, status: string) =>
  stats.byStatus[status] ?? 0;

/**
 * The headline figures: success rate, time from failure to green (MTTR), how
 * many failures the agent saw and how many fixes wait for approval. Rate and
 * MTTR read as a dash until a fix has finished.
 */
export function RemediationFigures(props: { stats: RemediationStats }) {
  const { stats } = props;
  const fixed = count(stats, 'fixed');
  const attempted = fixed + count(stats, 'failed') + count(stats, 'gave_up');
  return (
    <Grid container spacing={2}>
      <Figure label="Success rate" value={formatRate(stats.successRate)}>
        {stats.successRate === null
          ? 'No fix has finished yet.'
          : `${fixed} of ${attempted} finished fixes made the pipeline green.`}
      </Figure>
      <Figure
        label="Time to green (MTTR)"
        value={formatMttr(stats.mttrSeconds)}
      >
        {stats.mttrSeconds === null
          ? 'No pipeline is green again yet.'
          : 'Mean time from the failure to a green pipeline.'}
      </Figure>
      <Figure label="Failures" value={String(stats.total)}>
        {`Failed jobs the agent took on; ${count(
          stats,
          'not_fixable',
        )} left to people.`}
      </Figure>
      <Figure
        label="Awaiting approval"
        value={String(count(stats, 'awaiting_approval'))}
      >
        High-risk fixes waiting for an owner.
      </Figure>
    </Grid>
  );
}
