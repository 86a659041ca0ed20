import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { PolicyScan } from '@agentic-devops/plugin-policy-common';
import { formatTime } from '../../lib/format';
import { mergeRequestLabel } from '../../lib/remediation';
import { triggerLabel } from '../PolicyFindings';

/** When the scan ran, what for, what it scanned and how much. */
export function ScanHeader(props: { scan: PolicyScan }) {
  const { scan } = props;
  const { files, resources } = scan.summary;
  return (
    <Typography variant="body2" color="textSecondary" component="div">
      Latest scan {formatTime(scan.createdAt)}, for {triggerLabel(scan.trigger)}
      {scan.mergeRequestUrl && (
        <>
          {' '}
          <Link to={scan.mergeRequestUrl}>
            {mergeRequestLabel(scan.mergeRequestUrl)}
          </Link>
        </>
      )}
      , of <code>{scan.target}</code>
      {scan.commitSha && (
        <>
          {' '}
          at <code title={scan.commitSha}>{scan.commitSha.slice(0, 8)}</code>
        </>
      )}
      : {files === 1 ? '1 file' : `${files} files`},{' '}
      {resources === 1 ? '1 resource' : `${resources} resources`}.
    </Typography>
  );
}
