import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ScanTrendPoint,
  SEVERITIES,
  Severity,
} from '@agentic-devops/plugin-policy-common';
import { formatDay, severityLabel, useSeverityColors } from '../PolicyFindings';

const BAR_WIDTH = 16;
const BAR_GAP = 8;
const HEIGHT = 64;

/** A scan's findings in words, for the bar that draws them. */
export function describeTrendPoint(point: ScanTrendPoint): string {
  const counts = SEVERITIES.map(
    severity => `${point.bySeverity[severity] ?? 0} ${severity}`,
  ).join(', ');
  return `${formatDay(point.createdAt)}: ${counts}; ${point.waived} waived`;
}

const total = (point: ScanTrendPoint) =>
  SEVERITIES.reduce(
    (sum, severity) => sum + (point.bySeverity[severity] ?? 0),
    0,
  );

/**
 * Findings per severity over the latest scans, oldest first, as stacked bars
 * (critical at the bottom) scaled to the scan with the most findings.
 */
export function SeverityTrend(props: {
  points: ScanTrendPoint[];
  /** How many of the latest scans to draw; 12 by default. */
  limit?: number;
}) {
  const { points, limit = 12 } = props;
  const colors = useSeverityColors();
  const latest = [...points]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(-limit);
  if (latest.length === 0) {
    return null;
  }
  const max = Math.max(1, ...latest.map(total));
  const width = latest.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;

  return (
    <Box>
      <svg
        role="list"
        aria-label="Findings per severity over the latest scans"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width={width}
        height={HEIGHT}
        style={{ maxWidth: '100%', overflow: 'visible' }}
      >
        {latest.map((point, index) => {
          const label = describeTrendPoint(point);
          let y = HEIGHT;
          return (
            <g
              key={point.scanId}
              role="listitem"
              aria-label={label}
              data-scan={point.scanId}
            >
              <title>{label}</title>
              {/* transparent, so that the whole column shows the title */}
              <rect
                x={index * (BAR_WIDTH + BAR_GAP)}
                y={0}
                width={BAR_WIDTH}
                height={HEIGHT}
                fill="transparent"
              />
              {SEVERITIES.map((severity: Severity) => {
                const count = point.bySeverity[severity] ?? 0;
                if (!count) {
                  return null;
                }
                const height = (count / max) * HEIGHT;
                y -= height;
                return (
                  <rect
                    key={severity}
                    data-severity={severity}
                    x={index * (BAR_WIDTH + BAR_GAP)}
                    y={y}
                    width={BAR_WIDTH}
                    height={height}
                    fill={colors[severity]}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 12 }}>
        {SEVERITIES.map(severity => (
          <Box key={severity} display="flex" alignItems="center">
            <Box
              component="span"
              width={10}
              height={10}
              mr={0.5}
              style={{ backgroundColor: colors[severity] }}
            />
            <Typography variant="caption">{severityLabel(severity)}</Typography>
          </Box>
        ))}
        <Typography variant="caption" color="textSecondary">
          {latest.length === 1
            ? 'One scan so far.'
            : `The latest ${latest.length} scans, oldest first.`}
        </Typography>
      </Box>
    </Box>
  );
}
