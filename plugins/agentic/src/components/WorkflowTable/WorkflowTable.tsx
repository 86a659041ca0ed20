import { ComponentType, ReactNode, useMemo } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Page, Workflow } from '@agentic-devops/plugin-agentic-common';
import { WorkflowStatus } from '../WorkflowStatus';
import { WorkflowProgress } from '../WorkflowProgress';
import { formatElapsed, formatTime } from '../../lib/format';

export const DEFAULT_PAGE_SIZE_OPTIONS = [5, 10, 20, 50];

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
  const {
    title,
    page,
    loading,
    pageIndex,
    pageSize,
    onPageChange,
    pageSizeOptions = DEFAULT_PAGE_SIZE_OPTIONS,
    showEntity,
    workflowLink,
    expandedId,
    onToggle,
    emptyContent,
    container,
  } = props;

  // material-table annotates its rows; give it copies.
  const rows = useMemo(
    () => (page?.items ?? []).map(workflow => ({ ...workflow })),
    [page],
  );

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
  if (onToggle) {
    columns.push({
      title: '',
      width: '48px',
      render: workflow => {
        const expanded = workflow.id === expandedId;
        return (
          <IconButton
            size="small"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Hide' : 'Show'} tasks of ${
              workflow.title
            }`}
            onClick={() => onToggle(workflow)}
          >
            {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        );
      },
    });
  }

  const totalCount = page?.totalCount ?? 0;
  return (
    <Table<Workflow>
      title={title}
      columns={columns}
      data={rows}
      isLoading={loading}
      emptyContent={emptyContent}
      page={pageIndex}
      totalCount={totalCount}
      onPageChange={(newPage: number, newPageSize: number) =>
        onPageChange(newPage, newPageSize)
      }
      onRowsPerPageChange={(newPageSize: number) =>
        onPageChange(0, newPageSize)
      }
      components={container ? { Container: container } : undefined}
      options={{
        paging: totalCount > pageSizeOptions[0] || pageIndex > 0,
        pageSize,
        pageSizeOptions,
        emptyRowsWhenPaging: false,
        search: false,
        sorting: false,
        padding: 'dense',
        draggable: false,
        toolbar: title !== undefined,
        rowStyle: (workflow: Workflow) =>
          workflow.id === expandedId ? { fontWeight: 'bold' } : {},
      }}
    />
  );
}
