import Grid from '@material-ui/core/Grid';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Workflow } from '@agentic-devops/plugin-agentic-common';
import { Field } from '../Field';
import { WorkflowStatus } from '../WorkflowStatus';
import { WorkflowProgress } from '../WorkflowProgress';
import { formatElapsed, formatTime } from '../../lib/format';

/** A workflow's facts: status, progress, where it came from, timing. */
export function WorkflowSummary(props: {
  workflow: Workflow;
  showEntity?: boolean;
}) {
  const { workflow, showEntity = false } = props;
  return (
    <Grid container spacing={2}>
      <Field label="Status">
        <WorkflowStatus status={workflow.status} />
      </Field>
      <Field label="Progress">
        <WorkflowProgress progress={workflow.progress} />
      </Field>
      <Field label="Duration">
        {formatElapsed(workflow.startedAt, workflow.finishedAt)}
      </Field>
      <Field label="Definition">
        {workflow.definition}
        {workflow.planSource === 'reasoning' ? ' (planned by reasoning)' : ''}
      </Field>
      {showEntity && (
        <Field label="Entity">
          {workflow.entityRef ? (
            <EntityRefLink entityRef={workflow.entityRef} />
          ) : (
            '–'
          )}
        </Field>
      )}
      <Field label="Requested by">{workflow.requestedBy}</Field>
      <Field label="Created">{formatTime(workflow.createdAt)}</Field>
      <Field label="Started">{formatTime(workflow.startedAt)}</Field>
      <Field label="Finished">{formatTime(workflow.finishedAt)}</Field>
    </Grid>
  );
}
