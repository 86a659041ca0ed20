import { ComponentType, ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { Link, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Page, Workflow } from '@agentic-devops/plugin-agentic-common';
import { WorkflowStatus } from '../WorkflowStatus';
import { WorkflowProgress } from '../WorkflowProgress';
import { formatElapsed, formatTime } from '../../lib/format';
import { ServerPagedTable } from '../ServerPagedTable';

export { DEFAULT_PAGE_SIZE_OPTIONS } from '../ServerPagedTable';

export interface WorkflowTableProps {
  title?: string;
  /** The page on screen; undefined before the first one arrives. */
  page?: Page<Workflow>;
  /** A new page is on its way (filter or page change); not for background refreshes. */
  loading?: boolean;
  /** Zero-based. */
  pageIndex: number;
  pageSize: number;
  onPageChange: (pageIndex: number, pageSize: number) => void;
  pageSizeOptions?: number[];
  /** Show the entity each workflow is about. */
  showEntity?: boolean;
  /** Where a workflow's own view is; titles link there when given. */
  workflowLink?: (id: string) => string;
  /** With `onToggle`: rows get a button to expand the workflow in place. */
  expandedId?: string;
  onToggle?: (workflow: Workflow) => void;
  emptyContent?: ReactNode;
  /** Replaces the table's paper, e.g. inside a card. */
  container?: ComponentType<any>;
}

/**
 * Workflows with live status, progress and durations, paginated on the
 * server (offset and limit come from `pageIndex` and `pageSize`).
 */
export function WorkflowTable(props: WorkflowTableProps) {
  const { showEntity, workflowLink, ...tableProps } = props;

  const columns: TableColumn<Workflow>[] = [
    {
      title: 'Workflow',
      field: 'title',
      highlight: true,
      render: workflow => (
        <>
          {workflowLink ? (
            <Link to={workflowLink(workflow.id)}>{workflow.title}</Link>
          ) : (
            <Typography variant="body2">{workflow.title}</Typography>
          )}
          <Typography variant="caption" color="textSecondary" display="block">
            {workflow.definition}
          </Typography>
        </>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      cellStyle: { whiteSpace: 'nowrap' },
      render: workflow => <WorkflowStatus status={workflow.status} />,
    },
    {
      title: 'Progress',
      render: workflow => <WorkflowProgress progress={workflow.progress} />,
    },
  ];
  if (showEntity) {
    columns.push({
      title: 'Entity',
      field: 'entityRef',
      render: workflow =>
        workflow.entityRef ? (
          <EntityRefLink entityRef={workflow.entityRef} />
        ) : (
          '–'
        ),
    });
  }
  columns.push(
    {
      title: 'Created',
      field: 'createdAt',
      render: workflow => formatTime(workflow.createdAt),
    },
    {
      title: 'Duration',
      render: workflow =>
        formatElapsed(workflow.startedAt, workflow.finishedAt),
    },
  );
  return (
    <ServerPagedTable<Workflow>
      {...tableProps}
      columns={columns}
      toggleLabel={(workflow, expanded) =>
        `${expanded ? 'Hide' : 'Show'} tasks of ${workflow.title}`
      }
    />
  );
}
