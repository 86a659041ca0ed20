import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { Workflow } from '@agentic-devops/plugin-agentic-common';

/** Finished tasks out of all, as a bar and as text ("3/5 tasks, 1 failed"). */
export function WorkflowProgress(props: { progress: Workflow['progress'] }) {
  const { total, succeeded, failed, running } = props.progress;
  const done = succeeded + failed;
  const value = total > 0 ? (done / total) * 100 : 0;
  const details = [
    running ? `${running} running` : undefined,
    failed ? `${failed} failed` : undefined,
  ].filter(Boolean);
  const text = `${succeeded}/${total} tasks${
    details.length ? `, ${details.join(', ')}` : ''
  }`;
  return (
    <Box minWidth={120}>
      <LinearProgress
        variant="determinate"
        value={value}
        color={failed ? 'secondary' : 'primary'}
        aria-label={`Progress: ${text}`}
      />
      <Typography variant="caption" color="textSecondary">
        {text}
      </Typography>
    </Box>
  );
}
