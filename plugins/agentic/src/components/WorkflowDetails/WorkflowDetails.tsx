import { useCallback } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import CancelIcon from '@material-ui/icons/Cancel';
import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  agenticWorkflowCancelPermission,
  agenticWorkflowRetryPermission,
  isTerminalWorkflowStatus,
  WorkflowDetails as WorkflowDetailsType,
} from '@agentic-devops/plugin-agentic-common';
import { useWorkflowDetails } from '../../hooks/useWorkflowDetails';
import { useWorkflowActions } from '../../hooks/useWorkflowActions';
import { WorkflowSummary } from './WorkflowSummary';
import { TaskGraph } from '../TaskGraph';
import { TaskTable } from '../TaskTable';
import { EventLog } from '../EventLog';

export interface WorkflowDetailsProps {
  workflowId: string;
  /** Called after a cancel or retry, so that lists around can refresh too. */
  onChange?: () => void;
  /** Show the entity the workflow is about (not on the entity's own page). */
  showEntity?: boolean;
  /** Show the event history. */
  showEvents?: boolean;
}

/** A loaded workflow: summary, actions, task graph, task table and history. */
export function WorkflowDetailsView(props: {
  workflow: WorkflowDetailsType;
  onChange: () => void;
  showEntity?: boolean;
  showEvents?: boolean;
}) {
  const { workflow, onChange, showEntity, showEvents = true } = props;
  const resourceRef = workflow.id;
  const cancelPermission = usePermission({
    permission: agenticWorkflowCancelPermission,
    resourceRef,
  });
  const retryPermission = usePermission({
    permission: agenticWorkflowRetryPermission,
    resourceRef,
  });
  const { cancel, retry, busy } = useWorkflowActions(workflow, onChange);
  const unfinished = !isTerminalWorkflowStatus(workflow.status);

  return (
    <Box data-testid={`workflow-details-${workflow.id}`}>
      <Box display="flex" alignItems="flex-start" mb={2}>
        <Box flexGrow={1}>
          <Typography variant="h6" component="h3">
            {workflow.title}
          </Typography>
        </Box>
        {unfinished && cancelPermission.allowed && (
          <Button
            variant="outlined"
            color="secondary"
            startIcon={<CancelIcon />}
            disabled={busy !== undefined}
            onClick={cancel}
            aria-label={`Cancel ${workflow.title}`}
          >
            Cancel
          </Button>
        )}
      </Box>
      <WorkflowSummary workflow={workflow} showEntity={showEntity} />
      {workflow.error && (
        <Box mt={2}>
          <WarningPanel
            severity="error"
            title="The workflow failed"
            message={workflow.error}
            defaultExpanded
          />
        </Box>
      )}
      <Box mt={3}>
        <Typography variant="subtitle1" component="h4">
          Task graph
        </Typography>
        <TaskGraph tasks={workflow.tasks} />
      </Box>
      <Box mt={2}>
        <TaskTable
          tasks={workflow.tasks}
          attempts={workflow.attempts}
          canRetry={retryPermission.allowed}
          onRetry={retry}
          retryingTaskId={
            busy?.startsWith('retry:') ? busy.slice('retry:'.length) : undefined
          }
        />
      </Box>
      {showEvents && (
        <Box mt={2}>
          <EventLog events={workflow.events} />
        </Box>
      )}
    </Box>
  );
}

/** One workflow, loaded and kept current (signals, and polling while it runs). */
export function WorkflowDetails(props: WorkflowDetailsProps) {
  const { workflowId, onChange, showEntity, showEvents } = props;
  const { value, error, loading, refresh } = useWorkflowDetails(workflowId);
  const handleChange = useCallback(() => {
    refresh();
    onChange?.();
  }, [refresh, onChange]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading || !value) {
    return <Progress />;
  }
  return (
    <WorkflowDetailsView
      workflow={value}
      onChange={handleChange}
      showEntity={showEntity}
      showEvents={showEvents}
    />
  );
}
