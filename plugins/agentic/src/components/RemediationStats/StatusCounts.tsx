import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  RemediationStats,
  RemediationStatus,
  remediationStatusSchema,
} from '@agentic-devops/plugin-remediation-common';
import { RemediationStatusChip } from '../RemediationStatus';

/** How many remediations are in each status, in the order a remediation goes through them. */
export function StatusCounts(props: { stats: RemediationStats }) {
  const { byStatus } = props.stats;
  const known: readonly string[] = remediationStatusSchema.options;
  // Statuses a newer backend reports come last, rather than not at all.
  const statuses = [
    ...known,
    ...Object.keys(byStatus).filter(s => !known.includes(s)),
  ].filter(status => (byStatus[status] ?? 0) > 0);

  return (
    <InfoCard title="By status">
      {statuses.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No remediations yet.
        </Typography>
      ) : (
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {statuses.map(status => (
            <Box
              component="li"
              key={status}
              display="flex"
              alignItems="center"
              justifyContent="space-between"
              py={0.5}
              aria-label={`${status.replace(/_/g, ' ')}: ${byStatus[status]}`}
            >
              <RemediationStatusChip status={status as RemediationStatus} />
              <Typography variant="body1">{byStatus[status]}</Typography>
            </Box>
          ))}
        </Box>
      )}
    </InfoCard>
  );
}
