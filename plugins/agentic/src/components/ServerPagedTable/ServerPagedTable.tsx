import { ComponentType, ReactNode, useMemo } from 'react';
import IconButton from '@material-ui/core/IconButton';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Table, TableColumn } from '@backstage/core-components';
import { Page } from '@agentic-devops/plugin-agentic-common';

export const DEFAULT_PAGE_SIZE_OPTIONS = [5, 10, 20, 50];

export interface ServerPagedTableProps<T extends { id: string }> {
  title?: string;
  columns: TableColumn<T>[];
  /** The page on screen; undefined before the first one arrives. */
  page?: Page<T>;
  /** A new page is on its way (filter or page change); not for background refreshes. */
  loading?: boolean;
  /** Zero-based. */
  pageIndex: number;
  pageSize: number;
  onPageChange: (pageIndex: number, pageSize: number) => void;
  pageSizeOptions?: number[];
  /** With `onToggle`: rows get a button to expand the row in place. */
  expandedId?: string;
  onToggle?: (row: T) => void;
  /** The toggle button's accessible name. */
  toggleLabel?: (row: T, expanded: boolean) => string;
  emptyContent?: ReactNode;
  /** Replaces the table's paper, e.g. inside a card. */
  container?: ComponentType<any>;
}

/**
 * A table of one page of a list the server paginates (offset and limit come
 * from `pageIndex` and `pageSize`), with an optional expand toggle per row;
 * the expanded row is in bold.
 */
export function ServerPagedTable<T extends { id: string }>(
  props: ServerPagedTableProps<T>,
) {
  const {
    title,
    page,
    loading,
    pageIndex,
    pageSize,
    onPageChange,
    pageSizeOptions = DEFAULT_PAGE_SIZE_OPTIONS,
    expandedId,
    onToggle,
    toggleLabel = (_row, expanded) => (expanded ? 'Hide' : 'Show'),
    emptyContent,
    container,
  } = props;

  // material-table annotates its rows; give it copies.
  const rows = useMemo(
    () => (page?.items ?? []).map(item => ({ ...item })),
    [page],
  );

  const columns = [...props.columns];
  if (onToggle) {
    columns.push({
      title: '',
      width: '48px',
      render: row => {
        const expanded = row.id === expandedId;
        return (
          <IconButton
            size="small"
            aria-expanded={expanded}
            aria-label={toggleLabel(row, expanded)}
            onClick={() => onToggle(row)}
          >
            {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        );
      },
    });
  }

  const totalCount = page?.totalCount ?? 0;
  return (
    <Table<T>
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
        rowStyle: (row: T) =>
          row.id === expandedId ? { fontWeight: 'bold' } : {},
      }}
    />
  );
}
