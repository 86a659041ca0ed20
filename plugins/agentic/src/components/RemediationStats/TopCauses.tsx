import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { RemediationStats } from '@agentic-devops/plugin-remediation-common';
import { categoryLabel } from '../../lib/remediation';

/** The most common causes, most common first, as bars relative to the first. */
export function TopCauses(props: { stats: RemediationStats }) {
  const { topCauses } = props.stats;
  const max = Math.max(1, ...topCauses.map(c => c.count));
  return (
    <InfoCard title="Most common causes">
      {topCauses.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No failure has been diagnosed yet.
        </Typography>
      ) : (
        <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {topCauses.map(cause => {
            const label = categoryLabel(cause.category);
            return (
              <Box component="li" key={cause.category} py={0.75}>
                <Box display="flex" justifyContent="space-between">
                  <Typography variant="body2">{label}</Typography>
                  <Typography variant="body2" color="textSecondary">
                    {cause.count}
                  </Typography>
                </Box>
                <LinearProgress
                  variant="determinate"
                  value={(cause.count / max) * 100}
                  aria-label={`${label}: ${cause.count}`}
                />
              </Box>
            );
          })}
        </Box>
      )}
    </InfoCard>
  );
}
