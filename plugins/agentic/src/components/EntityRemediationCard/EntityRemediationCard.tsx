import { Fragment } from 'react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useRemediations } from '../../hooks/useRemediations';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import { RemediationRecord } from '../RemediationRecord';

export interface EntityRemediationCardProps {
  title?: string;
  /** How many of the latest failures to show; 5 by default. */
  limit?: number;
}

/**
 * The entity's latest failed CI jobs and what the Remediation agent made of
 * them, live (signals, and polling while the agent works): cause, evidence,
 * playbook, fix, merge request, status; approve / reject for high-risk fixes.
 */
export function EntityRemediationCard(props: EntityRemediationCardProps) {
  const { title = 'Pipeline remediations', limit = 5 } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const links = useAgenticLinks();

  const { value, error, refresh } = useRemediations({
    entityRef,
    offset: 0,
    limit,
  });

  let content;
  if (error && !value) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Progress />;
  } else if (value.totalCount === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No pipeline failures yet"
        description="When a CI pipeline of this entity fails, the Remediation agent's diagnosis appears here: the cause with evidence from the job log, the fix it makes or proposes, its merge request, and high-risk fixes waiting for an owner's approval."
      />
    );
  } else {
    content = (
      <>
        {error && (
          <Box mb={2}>
            <ResponseErrorPanel error={error} />
          </Box>
        )}
        {value.items.map((remediation, index) => (
          <Fragment key={remediation.id}>
            {index > 0 && (
              <Box my={2}>
                <Divider />
              </Box>
            )}
            <RemediationRecord
              remediation={remediation}
              onChange={refresh}
              workflowLink={links?.workflow}
            />
          </Fragment>
        ))}
        {value.totalCount > value.items.length && (
          <Box mt={2}>
            <Typography variant="body2" color="textSecondary">
              The latest {value.items.length} of {value.totalCount} failures.
            </Typography>
          </Box>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title={title}
      subheader="Failed CI jobs of this entity, diagnosed and fixed by the Remediation agent"
      deepLink={
        links && value && value.totalCount > 0
          ? {
              title: 'All remediations',
              link: `${links.remediation()}?entityRef=${encodeURIComponent(
                entityRef,
              )}`,
            }
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
