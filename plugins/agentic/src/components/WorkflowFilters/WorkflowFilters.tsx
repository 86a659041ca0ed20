import { ChangeEvent, useEffect, useState } from 'react';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import {
  WorkflowStatus,
  workflowStatusSchema,
} from '@agentic-devops/plugin-agentic-common';

/** `all`, `unfinished` (pending or running), or one status. */
export type StatusFilter = 'all' | 'unfinished' | WorkflowStatus;

export const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'unfinished', label: 'Unfinished' },
  ...workflowStatusSchema.options.map(status => ({
    value: status,
    label: status.charAt(0).toUpperCase() + status.slice(1),
  })),
];

export function parseStatusFilter(text: string | null): StatusFilter {
  return STATUS_FILTERS.find(f => f.value === text)?.value ?? 'all';
}

/** The statuses a filter asks the Planner for; undefined for all. */
export function statusesFor(
  filter: StatusFilter,
): WorkflowStatus[] | undefined {
  if (filter === 'all') {
    return undefined;
  }
  if (filter === 'unfinished') {
    return ['pending', 'running'];
  }
  return [filter];
}

export const ENTITY_FILTER_DEBOUNCE_MS = 400;

export interface WorkflowFiltersProps {
  status: StatusFilter;
  entityRef: string;
  onStatusChange: (status: StatusFilter) => void;
  /** Called once typing pauses. */
  onEntityRefChange: (entityRef: string) => void;
}

/** Status and entity filters of the workflows page. */
export function WorkflowFilters(props: WorkflowFiltersProps) {
  const { status, entityRef, onStatusChange, onEntityRefChange } = props;
  const [entityInput, setEntityInput] = useState(entityRef);

  // Follow outside changes (e.g. navigation) of the applied filter.
  useEffect(() => setEntityInput(entityRef), [entityRef]);

  useDebounce(
    () => {
      const next = entityInput.trim();
      if (next !== entityRef) {
        onEntityRefChange(next);
      }
    },
    ENTITY_FILTER_DEBOUNCE_MS,
    [entityInput],
  );

  return (
    <Grid container spacing={2} alignItems="flex-end">
      <Grid item xs={12} sm={4} md={3}>
        <FormControl fullWidth>
          <InputLabel id="agentic-status-filter-label">Status</InputLabel>
          <Select
            labelId="agentic-status-filter-label"
            id="agentic-status-filter"
            value={status}
            onChange={(event: ChangeEvent<{ value: unknown }>) =>
              onStatusChange(parseStatusFilter(String(event.target.value)))
            }
          >
            {STATUS_FILTERS.map(filter => (
              <MenuItem key={filter.value} value={filter.value}>
                {filter.label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Grid>
      <Grid item xs={12} sm={8} md={5}>
        <TextField
          fullWidth
          id="agentic-entity-filter"
          label="Entity"
          placeholder="component:default/checkout-service"
          value={entityInput}
          onChange={event => setEntityInput(event.target.value)}
        />
      </Grid>
    </Grid>
  );
}
