export {
  WorkflowFilters,
  parseStatusFilter,
  statusesFor,
  STATUS_FILTERS,
  ENTITY_FILTER_DEBOUNCE_MS,
} from './WorkflowFilters';
export type { StatusFilter, WorkflowFiltersProps } from './WorkflowFilters';
