import { ReactNode, useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ComplianceRow } from '@agentic-devops/plugin-policy-common';
import { SeverityChip } from '../PolicyFindings';
import { compliancePercent } from './compliance';

const PAGE_SIZE = 20;

/** One row per framework, rule and owning team: how many of the team's entities comply. */
export function ComplianceTable(props: {
  rows: ComplianceRow[];
  emptyContent?: ReactNode;
}) {
  const { rows, emptyContent } = props;
  // material-table annotates its rows; give it copies.
  const data = useMemo(() => rows.map(row => ({ ...row })), [rows]);
  const columns: TableColumn<ComplianceRow>[] = [
    { title: 'Framework', field: 'framework' },
    {
      title: 'Rule',
      field: 'ruleId',
      render: row => <code>{row.ruleId}</code>,
    },
    {
      title: 'Severity',
      field: 'severity',
      render: row => <SeverityChip severity={row.severity} />,
    },
    {
      title: 'Team',
      field: 'owner',
      render: row => (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ),
    },
    {
      title: 'Compliant entities',
      field: 'compliant',
      render: row =>
        `${row.compliant} of ${row.entities} (${compliancePercent(
          row.compliant,
          row.entities,
        )})`,
    },
    { title: 'Open findings', field: 'findings', type: 'numeric' },
    { title: 'Waived', field: 'waived', type: 'numeric' },
  ];
  return (
    <Table<ComplianceRow>
      title="By framework, rule and team"
      columns={columns}
      data={data}
      emptyContent={emptyContent}
      options={{
        paging: data.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [PAGE_SIZE, 50, 100],
        emptyRowsWhenPaging: false,
        search: false,
        sorting: false,
        padding: 'dense',
        draggable: false,
      }}
    />
  );
}
