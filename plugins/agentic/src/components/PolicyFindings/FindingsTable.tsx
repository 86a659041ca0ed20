import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  PolicyScan,
  sortFindings,
  Waiver,
} from '@agentic-devops/plugin-policy-common';
import { SeverityChip } from './SeverityChip';
import { findingLocation, findingStatusLabel, formatDay } from './policyWords';

export type ScanFinding = PolicyScan['findings'][number];

export interface FindingsTableProps {
  findings: ScanFinding[];
  /** The entity's waivers, for the reasons of waived findings and requests waiting. */
  waivers?: Waiver[];
  /** Offers "Request waiver" on open findings; left out for those who may not. */
  onRequestWaiver?: (finding: ScanFinding) => void;
}

/**
 * A request waiting for the finding's rule and exactly its resource, so that
 * the finding says so rather than offer a second request. (A glob covering
 * it counts only once approved, when the scan marks the finding waived.)
 */
function pendingWaiverFor(finding: ScanFinding, waivers: Waiver[]) {
  return waivers.find(
    w =>
      w.status === 'pending' &&
      w.ruleId === finding.ruleId &&
      w.resourcePattern === finding.resource,
  );
}

function FindingStatus(props: { finding: ScanFinding; waivers: Waiver[] }) {
  const { finding, waivers } = props;
  if (finding.waiverId) {
    const waiver = waivers.find(w => w.id === finding.waiverId);
    return (
      <>
        <Chip size="small" variant="outlined" label="waived" />
        {waiver && (
          <Typography variant="caption" color="textSecondary" display="block">
            Until {formatDay(waiver.expiresAt)}: {waiver.reason}
          </Typography>
        )}
      </>
    );
  }
  const pending = pendingWaiverFor(finding, waivers);
  return (
    <>
      {findingStatusLabel(finding.status)}
      {pending && (
        <Typography variant="caption" color="textSecondary" display="block">
          Waiver requested, waiting for an owner
        </Typography>
      )}
    </>
  );
}

/**
 * A scan's findings, most severe first: rule, where, what, how to fix it and
 * whether it is violated, undecided before apply, or waived (with the
 * waiver's reason).
 */
export function FindingsTable(props: FindingsTableProps) {
  const { findings, waivers = [], onRequestWaiver } = props;
  // sortFindings returns the same objects, waiverId included.
  const sorted = sortFindings(findings) as ScanFinding[];
  return (
    <TableContainer>
      <Table size="small" aria-label="Findings">
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Rule</TableCell>
            <TableCell>Where</TableCell>
            <TableCell>Resource</TableCell>
            <TableCell>Finding</TableCell>
            <TableCell>Fix</TableCell>
            <TableCell>Status</TableCell>
            {onRequestWaiver && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map(finding => {
            const key = `${finding.ruleId}|${finding.file}|${finding.line}|${finding.resource}`;
            return (
              <TableRow key={key} data-testid={`finding-${finding.ruleId}`}>
                <TableCell>
                  <SeverityChip severity={finding.severity} />
                </TableCell>
                <TableCell>
                  <code>{finding.ruleId}</code>
                  {finding.frameworks.length > 0 && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      display="block"
                    >
                      {finding.frameworks.join(', ')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <code>{findingLocation(finding)}</code>
                </TableCell>
                <TableCell>
                  <code>{finding.resource}</code>
                </TableCell>
                <TableCell>
                  {finding.message}
                  {finding.detail && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      display="block"
                    >
                      {finding.detail}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{finding.remediation}</TableCell>
                <TableCell>
                  <FindingStatus finding={finding} waivers={waivers} />
                </TableCell>
                {onRequestWaiver && (
                  <TableCell>
                    {!finding.waiverId &&
                      !pendingWaiverFor(finding, waivers) && (
                        <Button
                          size="small"
                          variant="outlined"
                          onClick={() => onRequestWaiver(finding)}
                          aria-label={`Request a waiver of ${finding.ruleId} for ${finding.resource}`}
                        >
                          Request waiver
                        </Button>
                      )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
