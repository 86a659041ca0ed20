import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ReplayIcon from '@material-ui/icons/Replay';
import { Table, TableColumn } from '@backstage/core-components';
import { Task, TaskAttempt } from '@agentic-devops/plugin-agentic-common';
import { statusLabel, WorkflowStatus } from '../WorkflowStatus';
import {
  formatDuration,
  formatElapsed,
  formatRelative,
  formatTime,
} from '../../lib/format';

export interface TaskTableProps {
  tasks: Task[];
  attempts: TaskAttempt[];
  /** Whether the viewer may retry failed tasks of this workflow. */
  canRetry: boolean;
  onRetry: (task: Task) => void;
  /** The id of the task whose retry is under way. */
  retryingTaskId?: string;
}

function AttemptList(props: { attempts: TaskAttempt[] }) {
  if (props.attempts.length === 0) {
    return null;
  }
  return (
    <Box
      component="ul"
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
      data-testid="task-attempts"
    >
      {props.attempts.map(attempt => (
        <li key={attempt.id}>
          <Typography variant="body2" component="span">
            #{attempt.attempt} · {attempt.worker} ·{' '}
            {statusLabel(attempt.status)}
            {' · '}
            {attempt.durationMs !== undefined
              ? formatDuration(attempt.durationMs)
              : formatElapsed(attempt.startedAt, attempt.finishedAt)}
          </Typography>
          {attempt.error && (
            <Typography variant="caption" color="error" display="block">
              {attempt.error}
            </Typography>
          )}
        </li>
      ))}
    </Box>
  );
}

/**
 * A workflow's tasks: status, every attempt (worker, status, error,
 * duration), last error, timing, the next retry, and Retry on failed tasks
 * when the viewer may.
 */
export function TaskTable(props: TaskTableProps) {
  const { tasks, attempts, canRetry, onRetry, retryingTaskId } = props;

  const attemptsByTask = useMemo(() => {
    const map = new Map<string, TaskAttempt[]>();
    for (const attempt of [...attempts].sort((a, b) => a.attempt - b.attempt)) {
      map.set(attempt.taskId, [...(map.get(attempt.taskId) ?? []), attempt]);
    }
    return map;
  }, [attempts]);

  // material-table annotates its rows; give it copies.
  const rows = useMemo(() => tasks.map(task => ({ ...task })), [tasks]);

  const columns: TableColumn<Task>[] = [
    {
      title: 'Task',
      field: 'title',
      highlight: true,
      render: task => (
        <>
          <Typography variant="body2">{task.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {task.key} · {task.type}
          </Typography>
        </>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      cellStyle: { whiteSpace: 'nowrap' },
      render: task => <WorkflowStatus status={task.status} />,
    },
    {
      title: 'Attempts',
      field: 'attempts',
      render: task => (
        <>
          <Typography variant="body2">
            {task.attempts}/{task.maxAttempts}
          </Typography>
          <AttemptList attempts={attemptsByTask.get(task.id) ?? []} />
        </>
      ),
    },
    {
      title: 'Last error',
      field: 'lastError',
      render: task =>
        task.lastError ? (
          <Typography
            variant="body2"
            color="error"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
          >
            {task.lastError}
          </Typography>
        ) : (
          '–'
        ),
    },
    {
      title: 'Started',
      field: 'startedAt',
      render: task => formatTime(task.startedAt),
    },
    {
      title: 'Duration',
      render: task => formatElapsed(task.startedAt, task.finishedAt),
    },
    {
      title: 'Next retry',
      field: 'nextAttemptAt',
      render: task =>
        task.nextAttemptAt && task.status === 'ready'
          ? `${formatTime(task.nextAttemptAt)} (${formatRelative(
              task.nextAttemptAt,
            )})`
          : '–',
    },
  ];

  if (canRetry && tasks.some(task => task.status === 'failed')) {
    columns.push({
      title: 'Actions',
      sorting: false,
      render: task =>
        task.status === 'failed' ? (
          <Button
            size="small"
            variant="outlined"
            color="primary"
            startIcon={<ReplayIcon />}
            aria-label={`Retry ${task.title}`}
            disabled={retryingTaskId !== undefined}
            onClick={() => onRetry(task)}
          >
            Retry
          </Button>
        ) : null,
    });
  }

  return (
    <Table<Task>
      title="Tasks"
      columns={columns}
      data={rows}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        draggable: false,
      }}
    />
  );
}
