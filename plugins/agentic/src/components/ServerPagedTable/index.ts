export {
  ServerPagedTable,
  DEFAULT_PAGE_SIZE_OPTIONS,
} from './ServerPagedTable';
export type { ServerPagedTableProps } from './ServerPagedTable';
