import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  agenticRemediationApprovePermission,
  Remediation,
} from '@agentic-devops/plugin-remediation-common';
import { Decision } from '../../hooks/useRemediationDecision';

/**
 * Approve or reject a high-risk fix that waits for an owner, with an
 * optional comment. Only for those the permission policy lets decide on this
 * remediation; the agent also checks that they own the entity.
 */
export function ApprovalActions(props: {
  remediation: Pick<Remediation, 'id' | 'jobName'>;
  busy?: Decision;
  onDecide: (decision: Decision, comment?: string) => void;
}) {
  const { remediation, busy, onDecide } = props;
  const { loading, allowed } = usePermission({
    permission: agenticRemediationApprovePermission,
    resourceRef: remediation.id,
  });
  const [comment, setComment] = useState('');

  if (loading) {
    return null;
  }
  if (!allowed) {
    return (
      <Typography variant="body2" color="textSecondary">
        This fix waits for the approval of an owner of the entity.
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <TextField
        id={`remediation-comment-${remediation.id}`}
        label="Comment (optional)"
        size="small"
        variant="outlined"
        value={comment}
        onChange={event => setComment(event.target.value)}
        disabled={busy !== undefined}
        inputProps={{ maxLength: 2000 }}
      />
      <Button
        variant="contained"
        color="primary"
        startIcon={<CheckIcon />}
        disabled={busy !== undefined}
        onClick={() => onDecide('approve', comment)}
        aria-label={`Approve the fix for ${remediation.jobName}`}
      >
        Approve
      </Button>
      <Button
        variant="outlined"
        startIcon={<CloseIcon />}
        disabled={busy !== undefined}
        onClick={() => onDecide('reject', comment)}
        aria-label={`Reject the fix for ${remediation.jobName}`}
      >
        Reject
      </Button>
    </Box>
  );
}
