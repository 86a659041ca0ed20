import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { Task, TaskStatus } from '@agentic-devops/plugin-agentic-common';
import { statusLabel } from '../WorkflowStatus';

type TaskNodeData = {
  title: string;
  type: string;
  status: TaskStatus;
};

const NODE_WIDTH = 180;
const NODE_HEIGHT = 52;
const MAX_TITLE_CHARS = 22;

/** The fill of a task node: Backstage's status colours; blocked tasks are grey. */
export function taskNodeColor(theme: Theme, status: TaskStatus): string {
  switch (status) {
    case 'succeeded':
      return theme.palette.status.ok;
    case 'failed':
      return theme.palette.status.error;
    case 'running':
      return theme.palette.status.running;
    case 'ready':
      return theme.palette.status.pending;
    case 'cancelled':
      return theme.palette.status.aborted;
    default:
      return theme.palette.grey[400];
  }
}

function truncate(text: string): string {
  return text.length > MAX_TITLE_CHARS
    ? `${text.slice(0, MAX_TITLE_CHARS - 1)}…`
    : text;
}

function TaskNode({
  node,
}: DependencyGraphTypes.RenderNodeProps<TaskNodeData>) {
  const theme = useTheme();
  const fill = taskNodeColor(theme, node.status);
  const text = theme.palette.getContrastText(fill);
  return (
    <g data-testid={`task-node-${node.id}`} data-status={node.status}>
      <title>{`${node.title} (${node.type}): ${statusLabel(
        node.status,
      )}`}</title>
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} fill={fill} />
      <text
        x={NODE_WIDTH / 2}
        y={22}
        textAnchor="middle"
        fill={text}
        fontWeight="bold"
        fontSize={13}
      >
        {truncate(node.title)}
      </text>
      <text
        x={NODE_WIDTH / 2}
        y={40}
        textAnchor="middle"
        fill={text}
        fontSize={11}
      >
        {statusLabel(node.status)}
      </text>
    </g>
  );
}

/**
 * A workflow's tasks as a graph: one node per task, coloured by status, and
 * an arrow from each dependency to the task that waits for it.
 */
export function TaskGraph(props: { tasks: Task[] }) {
  const { tasks } = props;
  const { nodes, edges } = useMemo(() => {
    const keys = new Set(tasks.map(task => task.key));
    return {
      nodes: tasks.map(task => ({
        id: task.key,
        title: task.title,
        type: task.type,
        status: task.status,
      })),
      edges: tasks.flatMap(task =>
        task.dependsOn
          .filter(dependency => keys.has(dependency))
          .map(dependency => ({ from: dependency, to: task.key })),
      ),
    };
  }, [tasks]);

  return (
    <Box data-testid="agentic-task-graph" aria-label="Task graph">
      <DependencyGraph<TaskNodeData, {}>
        nodes={nodes}
        edges={edges}
        renderNode={TaskNode}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        rankMargin={60}
        nodeMargin={20}
        paddingX={10}
        paddingY={10}
        showArrowHeads
        zoom="enable-on-click"
      />
    </Box>
  );
}
