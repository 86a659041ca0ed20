import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Finding, Waiver } from '@agentic-devops/plugin-policy-common';
import { policyApiRef } from '../../api';
import {
  DEFAULT_WAIVER_DAYS,
  dayFromNow,
  expiryBounds,
  toWaiverRequest,
  WaiverFormValues,
} from './waiverForm';
import { describeWaiverError, WaiverError } from './waiverErrors';

export interface WaiverRequestDialogProps {
  /** The finding to waive: its rule, and its resource as the proposed pattern. */
  finding: Pick<Finding, 'ruleId' | 'resource' | 'message'>;
  entityRef: string;
  onClose: () => void;
  /** After the agent has stored the request. */
  onRequested: (waiver: Waiver) => void;
}

/**
 * Asks for a waiver of a finding's rule on the entity: which resources
 * (the finding's, or a glob), why, and until when (at most a year). It
 * applies only once an owner of the entity approves it.
 */
export function WaiverRequestDialog(props: WaiverRequestDialogProps) {
  const { finding, entityRef, onClose, onRequested } = props;
  const policyApi = useApi(policyApiRef);
  const alertApi = useApi(alertApiRef);
  const [values, setValues] = useState<WaiverFormValues>({
    resourcePattern: finding.resource,
    reason: '',
    expiresOn: dayFromNow(DEFAULT_WAIVER_DAYS),
  });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WaiverError>();

  const result = toWaiverRequest(values, { ruleId: finding.ruleId, entityRef });
  const errors = submitted ? result.errors ?? {} : {};
  const bounds = expiryBounds();

  const change =
    (field: keyof WaiverFormValues) => (event: { target: { value: string } }) =>
      setValues(previous => ({ ...previous, [field]: event.target.value }));

  const submit = async () => {
    setSubmitted(true);
    if (result.errors) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const waiver = await policyApi.requestWaiver(result.request);
      alertApi.post({
        message: `Requested a waiver of ${waiver.ruleId} for ${waiver.resourcePattern}: it applies once an owner of the entity approves it`,
        severity: 'success',
        display: 'transient',
      });
      onRequested(waiver);
    } catch (e) {
      setError(
        describeWaiverError(e, {
          fallback: 'The request failed',
          400: 'The agent refused the request',
          403: 'You may not request waivers for this entity',
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="policy-waiver-request-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="policy-waiver-request-title">
        Request a waiver of {finding.ruleId}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>{finding.message}</DialogContentText>
        <DialogContentText>
          A waiver applies only once an owner of {entityRef} approves it, and
          until it expires; every use of it is audited.
        </DialogContentText>
        <TextField
          id="policy-waiver-resource-pattern"
          label="Resources"
          fullWidth
          margin="normal"
          required
          value={values.resourcePattern}
          onChange={change('resourcePattern')}
          error={Boolean(errors.resourcePattern)}
          helperText={
            errors.resourcePattern ??
            'This resource, a glob over resource names (Deployment/web*), or * for all of this rule on the entity'
          }
          inputProps={{ maxLength: 500 }}
        />
        <TextField
          id="policy-waiver-reason"
          label="Reason"
          fullWidth
          margin="normal"
          required
          multiline
          minRows={2}
          value={values.reason}
          onChange={change('reason')}
          error={Boolean(errors.reason)}
          helperText={
            errors.reason ??
            'Why the finding is acceptable here, for the owners'
          }
          inputProps={{ maxLength: 2000 }}
        />
        <TextField
          id="policy-waiver-expires-on"
          label="Expires on"
          type="date"
          fullWidth
          margin="normal"
          required
          value={values.expiresOn}
          onChange={change('expiresOn')}
          error={Boolean(errors.expiresOn)}
          helperText={
            errors.expiresOn ??
            `From ${bounds.min} to ${bounds.max}; the waiver stops applying on that day (UTC)`
          }
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: bounds.min, max: bounds.max }}
        />
        {error && (
          <Alert severity="error">
            <AlertTitle>{error.title}</AlertTitle>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={busy}
        >
          Request waiver
        </Button>
      </DialogActions>
    </Dialog>
  );
}
