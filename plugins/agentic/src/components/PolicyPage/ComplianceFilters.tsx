import { ChangeEvent } from 'react';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { ownerLabel } from './compliance';

const ALL = '';

function Filter(props: {
  id: string;
  label: string;
  value?: string;
  options: string[];
  optionLabel?: (option: string) => string;
  onChange: (value?: string) => void;
}) {
  const { id, label, value, options, optionLabel = o => o, onChange } = props;
  return (
    <FormControl style={{ minWidth: 200 }}>
      <InputLabel id={`${id}-label`} shrink>
        {label}
      </InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={value && options.includes(value) ? value : ALL}
        displayEmpty
        onChange={(event: ChangeEvent<{ value: unknown }>) =>
          onChange(String(event.target.value) || undefined)
        }
      >
        <MenuItem value={ALL}>All</MenuItem>
        {options.map(option => (
          <MenuItem key={option} value={option}>
            {optionLabel(option)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Framework and owning team filters of the compliance report. */
export function ComplianceFilters(props: {
  frameworks: string[];
  owners: string[];
  framework?: string;
  owner?: string;
  onChange: (change: { framework?: string; owner?: string }) => void;
}) {
  const { frameworks, owners, framework, owner, onChange } = props;
  return (
    <>
      <Filter
        id="policy-framework-filter"
        label="Framework"
        value={framework}
        options={frameworks}
        onChange={value => onChange({ framework: value, owner })}
      />
      <Filter
        id="policy-owner-filter"
        label="Team"
        value={owner}
        options={owners}
        optionLabel={ownerLabel}
        onChange={value => onChange({ framework, owner: value })}
      />
    </>
  );
}
