import { useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { WorkflowEvent } from '@agentic-devops/plugin-agentic-common';
import { formatTime } from '../../lib/format';

const columns: TableColumn<WorkflowEvent>[] = [
  { title: '#', field: 'seq', width: '64px' },
  { title: 'Time', field: 'createdAt', render: e => formatTime(e.createdAt) },
  { title: 'Event', field: 'type' },
  { title: 'Task', field: 'taskKey', emptyValue: '–' },
  { title: 'Message', field: 'message', emptyValue: '–' },
];

/** A workflow's history, newest first. */
export function EventLog(props: { events: WorkflowEvent[] }) {
  const rows = useMemo(
    () => [...props.events].sort((a, b) => b.seq - a.seq).map(e => ({ ...e })),
    [props.events],
  );
  return (
    <Table<WorkflowEvent>
      title="Events"
      columns={columns}
      data={rows}
      options={{
        paging: rows.length > 10,
        pageSize: 10,
        pageSizeOptions: [10, 25, 50],
        search: false,
        padding: 'dense',
        draggable: false,
        sorting: false,
      }}
    />
  );
}
