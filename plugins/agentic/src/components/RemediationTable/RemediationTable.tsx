import { ReactNode, useMemo } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Page } from '@agentic-devops/plugin-agentic-common';
import { Remediation } from '@agentic-devops/plugin-remediation-common';
import { categoryLabel } from '../../lib/remediation';
import { formatTime } from '../../lib/format';
import { RemediationStatusChip } from '../RemediationStatus';
import { JobLink, MergeRequestLink } from '../RemediationRecord';
import { DEFAULT_PAGE_SIZE_OPTIONS } from '../WorkflowTable';

export interface RemediationTableProps {
  title?: string;
  /** The page on screen; undefined before the first one arrives. */
  page?: Page<Remediation>;
  /** A new page is on its way (filter or page change); not for background refreshes. */
  loading?: boolean;
  /** Zero-based. */
  pageIndex: number;
  pageSize: number;
  onPageChange: (pageIndex: number, pageSize: number) => void;
  /** With `onToggle`: rows get a button to show the remediation in full. */
  expandedId?: string;
  onToggle?: (remediation: Remediation) => void;
  emptyContent?: ReactNode;
}

/**
 * Remediations across entities, latest failure first: when, which entity
 * and job, the cause, the status and the merge request. Paginated on the
 * server.
 */
export function RemediationTable(props: RemediationTableProps) {
  const {
    title,
    page,
    loading,
    pageIndex,
    pageSize,
    onPageChange,
    expandedId,
    onToggle,
    emptyContent,
  } = props;

  // material-table annotates its rows; give it copies.
  const rows = useMemo(
    () => (page?.items ?? []).map(remediation => ({ ...remediation })),
    [page],
  );

  const columns: TableColumn<Remediation>[] = [
    {
      title: 'Failed',
      field: 'failedAt',
      cellStyle: { whiteSpace: 'nowrap' },
      render: remediation => formatTime(remediation.failedAt),
    },
    {
      title: 'Entity',
      field: 'entityRef',
      render: remediation =>
        remediation.entityRef ? (
          <EntityRefLink entityRef={remediation.entityRef} />
        ) : (
          '–'
        ),
    },
    {
      title: 'Job',
      field: 'jobName',
      render: remediation => (
        <>
          <JobLink remediation={remediation} />
          <Typography variant="caption" color="textSecondary" display="block">
            {remediation.project} · {remediation.ref}
          </Typography>
        </>
      ),
    },
    {
      title: 'Cause',
      render: remediation =>
        remediation.diagnosis ? (
          <>
            {categoryLabel(remediation.diagnosis.category)}
            {remediation.diagnosis.playbookId && (
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {remediation.diagnosis.playbookId}
              </Typography>
            )}
          </>
        ) : (
          '–'
        ),
    },
    {
      title: 'Status',
      field: 'status',
      render: remediation => (
        <RemediationStatusChip status={remediation.status} />
      ),
    },
    {
      title: 'Merge request',
      render: remediation => <MergeRequestLink remediation={remediation} />,
    },
  ];
  if (onToggle) {
    columns.push({
      title: '',
      width: '48px',
      render: remediation => {
        const expanded = remediation.id === expandedId;
        return (
          <IconButton
            size="small"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Hide' : 'Show'} details of job ${
              remediation.jobName
            } of ${remediation.entityRef ?? remediation.project}`}
            onClick={() => onToggle(remediation)}
          >
            {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        );
      },
    });
  }

  const totalCount = page?.totalCount ?? 0;
  return (
    <Table<Remediation>
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
      options={{
        paging: totalCount > DEFAULT_PAGE_SIZE_OPTIONS[0] || pageIndex > 0,
        pageSize,
        pageSizeOptions: DEFAULT_PAGE_SIZE_OPTIONS,
        emptyRowsWhenPaging: false,
        search: false,
        sorting: false,
        padding: 'dense',
        draggable: false,
        toolbar: title !== undefined,
        rowStyle: (remediation: Remediation) =>
          remediation.id === expandedId ? { fontWeight: 'bold' } : {},
      }}
    />
  );
}
