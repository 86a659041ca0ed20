import { Fragment } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Remediation,
  RemediationStatus,
} from '@agentic-devops/plugin-remediation-common';
import { useRemediationDecision } from '../../hooks/useRemediationDecision';
import { categoryLabel, riskLabel } from '../../lib/remediation';
import { formatTime } from '../../lib/format';
import { Field } from '../Field';
import { RemediationStatusChip } from '../RemediationStatus';
import { ApprovalActions } from './ApprovalActions';
import { RemediationEvidence } from './RemediationEvidence';
import { JobLink, MergeRequestLink, PipelineLink } from './RemediationLinks';

const useStyles = makeStyles(theme => ({
  rootCause: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    padding: theme.spacing(0.5, 1),
    borderLeft: `3px solid ${theme.palette.error.main}`,
    backgroundColor: theme.palette.background.default,
  },
  steps: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/** Statuses in which the agent has acted on its fix (or tried to). */
const ACTED: readonly RemediationStatus[] = [
  'fixing',
  'verifying',
  'fixed',
  'failed',
  'gave_up',
];

function WorkflowLinks(props: {
  workflowIds: string[];
  workflowLink?: (id: string) => string;
}) {
  const { workflowIds, workflowLink } = props;
  if (workflowIds.length === 0) {
    return <>–</>;
  }
  return (
    <>
      {workflowIds.map((id, index) => (
        <Fragment key={id}>
          {index > 0 && ', '}
          {workflowLink ? (
            <Link to={workflowLink(id)} title={id}>
              #{index + 1}
            </Link>
          ) : (
            <span title={id}>#{index + 1}</span>
          )}
        </Fragment>
      ))}
    </>
  );
}

export interface RemediationRecordProps {
  remediation: Remediation;
  /** Called after an approval or rejection, so that the record is reloaded. */
  onChange: () => void;
  /** Show the entity (not on the entity's own page). */
  showEntity?: boolean;
  /** Where a workflow's own view is; the record links its workflows there when given. */
  workflowLink?: (id: string) => string;
}

/**
 * One failed job and what the Remediation agent made of it: cause, root
 * cause line, evidence, playbook, risk, the fix and what was done, the merge
 * request and the workflows; approve / reject while a high-risk fix waits.
 */
export function RemediationRecord(props: RemediationRecordProps) {
  const { remediation, onChange, showEntity, workflowLink } = props;
  const classes = useStyles();
  const { decide, busy, error, dismiss } = useRemediationDecision(
    remediation,
    onChange,
  );
  const { diagnosis, status } = remediation;
  const acted = ACTED.includes(status);

  return (
    <Box data-testid={`remediation-${remediation.id}`}>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
        <Box mr={1}>
          <RemediationStatusChip status={status} />
        </Box>
        <Typography variant="subtitle1" component="h3">
          {diagnosis ? categoryLabel(diagnosis.category) : 'Not diagnosed yet'}
        </Typography>
        <Box ml={1}>
          <Typography variant="body2" color="textSecondary" component="span">
            in job <JobLink remediation={remediation} /> on {remediation.ref},
            failed {formatTime(remediation.failedAt)}
          </Typography>
        </Box>
      </Box>

      {diagnosis && (
        <Box mb={2}>
          <Typography variant="caption" color="textSecondary" component="div">
            Root cause
          </Typography>
          <div className={classes.rootCause}>{diagnosis.rootCause}</div>
        </Box>
      )}

      <Grid container spacing={2}>
        {showEntity && (
          <Field label="Entity">
            {remediation.entityRef ? (
              <EntityRefLink entityRef={remediation.entityRef} />
            ) : (
              remediation.project
            )}
          </Field>
        )}
        <Field label="Pipeline">
          <PipelineLink
            id={remediation.pipelineId}
            url={remediation.pipelineUrl}
          />
          {remediation.source === 'local' ? ' (local runner)' : ''}
        </Field>
        <Field label="Playbook">{diagnosis?.playbookId ?? '–'}</Field>
        <Field label="Risk">
          {diagnosis ? riskLabel(diagnosis.riskLevel) : '–'}
        </Field>
        <Field label="Confidence">
          {diagnosis
            ? `${Math.round(diagnosis.confidence * 100)}% (${
                diagnosis.source === 'llm' ? 'reasoning' : diagnosis.source
              })`
            : '–'}
        </Field>
        <Field label="Merge request">
          <MergeRequestLink remediation={remediation} />
        </Field>
        <Field label="Verification">
          <PipelineLink
            id={remediation.verifyPipelineId}
            url={remediation.verifyPipelineUrl}
          />
          {remediation.resolvedAt
            ? `, green ${formatTime(remediation.resolvedAt)}`
            : ''}
        </Field>
        <Field label="Attempt">
          {remediation.attempt} of {remediation.maxAttempts}
        </Field>
        <Field label="Workflows">
          <WorkflowLinks
            workflowIds={remediation.workflowIds}
            workflowLink={workflowLink}
          />
        </Field>
        {diagnosis && (
          <Field
            label={acted ? 'What the agent did' : 'What the agent would do'}
            wide
          >
            {diagnosis.fix ? (
              <>
                {diagnosis.fix.summary}
                {diagnosis.fix.steps.length > 0 && (
                  <ul className={classes.steps}>
                    {diagnosis.fix.steps.map((step, index) => (
                      <li key={index}>{step.description}</li>
                    ))}
                  </ul>
                )}
              </>
            ) : (
              'No fix: people fix this kind of failure; the agent explains it and tells the owners.'
            )}
          </Field>
        )}
        {remediation.summary && (
          <Field label="What happened" wide>
            {remediation.summary}
          </Field>
        )}
        {remediation.approval && (
          <Field
            label={
              remediation.approval.decision === 'approved'
                ? 'Approved'
                : 'Rejected'
            }
            wide
          >
            by <EntityRefLink entityRef={remediation.approval.by} />,{' '}
            {formatTime(remediation.approval.at)}
            {remediation.approval.comment
              ? `: ${remediation.approval.comment}`
              : ''}
          </Field>
        )}
      </Grid>

      {remediation.error && (
        <Box mt={2}>
          <Alert severity="warning">{remediation.error}</Alert>
        </Box>
      )}
      {error && (
        <Box mt={2}>
          <Alert severity="error" onClose={dismiss}>
            <AlertTitle>{error.title}</AlertTitle>
            {error.message}
          </Alert>
        </Box>
      )}
      {diagnosis?.promptInjection && diagnosis.promptInjection.length > 0 && (
        <Box mt={2}>
          <Alert severity="warning">
            <AlertTitle>The job log addresses the agent</AlertTitle>
            Text printed by the job tries to instruct the Remediation agent, so
            its fix waits for an owner's approval. Lines:{' '}
            {diagnosis.promptInjection.map(l => l.line).join(', ')}.
          </Alert>
        </Box>
      )}
      {status === 'awaiting_approval' && (
        <Box mt={2}>
          <ApprovalActions
            remediation={remediation}
            busy={busy}
            onDecide={decide}
          />
        </Box>
      )}
      {diagnosis && diagnosis.evidence.length > 0 && (
        <Box mt={1}>
          <RemediationEvidence
            remediationId={remediation.id}
            evidence={diagnosis.evidence}
          />
        </Box>
      )}
    </Box>
  );
}
