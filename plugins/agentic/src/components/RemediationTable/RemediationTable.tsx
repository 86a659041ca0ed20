import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Page } from '@agentic-devops/plugin-agentic-common';
import { Remediation } from '@agentic-devops/plugin-remediation-common';
import { categoryLabel } from '../../lib/remediation';
import { formatTime } from '../../lib/format';
import { RemediationStatusChip } from '../RemediationStatus';
import { JobLink, MergeRequestLink } from '../RemediationRecord';
import { ServerPagedTable } from '../ServerPagedTable';

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
  return (
    <ServerPagedTable<Remediation>
      {...props}
      columns={columns}
      toggleLabel={(remediation, expanded) =>
        `${expanded ? 'Hide' : 'Show'} details of job ${
          remediation.jobName
        } of ${remediation.entityRef ?? remediation.project}`
      }
    />
  );
}
