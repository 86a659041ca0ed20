import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/core-plugin-api';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EvidenceLine } from '@agentic-devops/plugin-remediation-common';
import { remediationApiRef } from '../../api';
import { LogLines } from './LogLines';

const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The log lines a diagnosis rests on, folded away until asked for; below
 * them, the end of the job log (redacted, as the agent kept it) on demand,
 * with the evidence lines marked.
 */
export function RemediationEvidence(props: {
  remediationId: string;
  evidence: EvidenceLine[];
}) {
  const { remediationId, evidence } = props;
  const remediationApi = useApi(remediationApiRef);
  const [expanded, setExpanded] = useState(false);
  const [log, loadLog] = useAsyncFn(
    () => remediationApi.getLog(remediationId),
    [remediationApi, remediationId],
  );
  const evidenceLines = useMemo(
    () => new Set(evidence.map(e => e.line)),
    [evidence],
  );

  return (
    <Box>
      <Button
        size="small"
        startIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        aria-expanded={expanded}
        onClick={() => setExpanded(e => !e)}
      >
        Evidence ({plural(evidence.length, 'line')})
      </Button>
      <Collapse in={expanded} unmountOnExit>
        <LogLines lines={evidence} aria-label="Evidence from the job log" />
        {!log.value && !log.loading && (
          <Button size="small" onClick={() => loadLog()}>
            Show the end of the job log
          </Button>
        )}
        {log.loading && <Progress />}
        {log.error && <ResponseErrorPanel error={log.error} />}
        {log.value && log.value.lines.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            The agent kept no log for this job.
          </Typography>
        )}
        {log.value && log.value.lines.length > 0 && (
          <Box mt={1}>
            <LogLines
              lines={log.value.lines}
              highlight={evidenceLines}
              aria-label="End of the job log"
            />
          </Box>
        )}
      </Collapse>
    </Box>
  );
}
