import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { Remediation } from '@agentic-devops/plugin-remediation-common';
import { mergeRequestLabel } from '../../lib/remediation';

/** The failed job, linked to its page on the CI server when there is one. */
export function JobLink(props: {
  remediation: Pick<Remediation, 'jobName' | 'jobUrl'>;
}) {
  const { jobName, jobUrl } = props.remediation;
  return jobUrl ? <Link to={jobUrl}>{jobName}</Link> : <span>{jobName}</span>;
}

/** A pipeline by number, linked when it has a page; a dash when there is none. */
export function PipelineLink(props: { id?: string; url?: string }) {
  const { id, url } = props;
  if (!id) {
    return <>–</>;
  }
  return url ? <Link to={url}>#{id}</Link> : <>#{id}</>;
}

/**
 * The fix's merge request; without one (the local runner has none), the
 * branch the fix went to; a dash before there is either.
 */
export function MergeRequestLink(props: {
  remediation: Pick<Remediation, 'mergeRequestUrl' | 'branch'>;
}) {
  const { mergeRequestUrl, branch } = props.remediation;
  if (mergeRequestUrl) {
    return (
      <Link to={mergeRequestUrl}>
        {mergeRequestLabel(mergeRequestUrl)}
        {branch ? ` (${branch})` : ''}
      </Link>
    );
  }
  if (branch) {
    return (
      <Typography
        variant="body2"
        component="span"
        style={{ fontFamily: 'monospace' }}
      >
        branch {branch}
      </Typography>
    );
  }
  return <>–</>;
}
