import TableBody from '@material-ui/core/TableBody';
import Table from '@material-ui/core/Table';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Waiver, WaiverStatus } from '@agentic-devops/plugin-policy-common';
import { formatDay } from '../PolicyFindings';
import { useWaiverDecision } from './useWaiverDecision';
import { WaiverDecisionActions } from './WaiverDecisionActions';
import { WaiverStatusChip } from './WaiverStatusChip';

const COLUMNS = 8;

const STATUS_ORDER: WaiverStatus[] = [
  'pending',
  'approved',
  'expired',
  'rejected',
];

/** Pending first (they want a decision), then those in force, then the rest; latest request first. */
function sortWaivers(waivers: Waiver[]): Waiver[] {
  return [...waivers].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      b.requestedAt.localeCompare(a.requestedAt),
  );
}

/**
 * One waiver; a failed decision stays beside it (also once the waiver is
 * no longer pending, which is what a 409 says) until dismissed.
 */
function WaiverRow(props: { waiver: Waiver; onChange: () => void }) {
  const { waiver, onChange } = props;
  const { decide, busy, error, dismiss } = useWaiverDecision(waiver, onChange);
  return (
    <>
      <TableRow data-testid={`waiver-${waiver.id}`}>
        <TableCell>
          <code>{waiver.ruleId}</code>
        </TableCell>
        <TableCell>
          <code>{waiver.resourcePattern}</code>
        </TableCell>
        <TableCell>{waiver.reason}</TableCell>
        <TableCell>
          <WaiverStatusChip status={waiver.status} />
          {waiver.decidedBy && (
            <Typography variant="caption" color="textSecondary" display="block">
              by {waiver.decidedBy}
            </Typography>
          )}
        </TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {formatDay(waiver.expiresAt)}
        </TableCell>
        <TableCell>
          {waiver.requestedBy}
          <Typography variant="caption" color="textSecondary" display="block">
            {formatDay(waiver.requestedAt)}
          </Typography>
        </TableCell>
        <TableCell>
          {waiver.uses === 1 ? '1 finding' : `${waiver.uses} findings`}
        </TableCell>
        <TableCell>
          {waiver.status === 'pending' && (
            <WaiverDecisionActions
              waiver={waiver}
              busy={busy}
              onDecide={decide}
            />
          )}
        </TableCell>
      </TableRow>
      {error && (
        <TableRow>
          <TableCell colSpan={COLUMNS}>
            <Alert severity="error" onClose={dismiss}>
              <AlertTitle>{error.title}</AlertTitle>
              {error.message}
            </Alert>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

/**
 * An entity's waivers: what they cover, why, until when, who asked and who
 * decided; Approve / Reject on pending ones for those allowed.
 */
export function WaiverList(props: { waivers: Waiver[]; onChange: () => void }) {
  const { waivers, onChange } = props;
  return (
    <TableContainer>
      <Table size="small" aria-label="Waivers">
        <TableHead>
          <TableRow>
            <TableCell>Rule</TableCell>
            <TableCell>Resources</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Used</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {sortWaivers(waivers).map(waiver => (
            <WaiverRow key={waiver.id} waiver={waiver} onChange={onChange} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
