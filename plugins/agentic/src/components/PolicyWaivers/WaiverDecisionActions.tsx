import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  agenticPolicyWaiverApprovePermission,
  Waiver,
} from '@agentic-devops/plugin-policy-common';
import { WaiverDecision } from './useWaiverDecision';

/**
 * Approve or reject a pending waiver, for those the permission policy lets
 * decide on it; the agent also checks that they own the entity.
 */
export function WaiverDecisionActions(props: {
  waiver: Waiver;
  busy?: WaiverDecision;
  onDecide: (decision: WaiverDecision) => void;
}) {
  const { waiver, busy, onDecide } = props;
  const { loading, allowed } = usePermission({
    permission: agenticPolicyWaiverApprovePermission,
    resourceRef: waiver.id,
  });

  if (loading) {
    return null;
  }
  if (!allowed) {
    return (
      <Typography variant="caption" color="textSecondary">
        Waits for the approval of an owner of the entity.
      </Typography>
    );
  }
  const what = `the waiver of ${waiver.ruleId} for ${waiver.resourcePattern}`;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      <Button
        size="small"
        variant="contained"
        color="primary"
        startIcon={<CheckIcon />}
        disabled={busy !== undefined}
        onClick={() => onDecide('approve')}
        aria-label={`Approve ${what}`}
      >
        Approve
      </Button>
      <Button
        size="small"
        variant="outlined"
        startIcon={<CloseIcon />}
        disabled={busy !== undefined}
        onClick={() => onDecide('reject')}
        aria-label={`Reject ${what}`}
      >
        Reject
      </Button>
    </Box>
  );
}
