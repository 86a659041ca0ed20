import { CSSProperties, ReactNode, useCallback, useState } from 'react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useWorkflows } from '../../hooks/useWorkflows';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import { WorkflowTable } from '../WorkflowTable';
import { WorkflowDetails } from '../WorkflowDetails';

export interface EntityWorkflowsCardProps {
  title?: string;
  /** Workflows per page; 5 by default. */
  pageSize?: number;
}

/** The table without its own paper: the card is the paper. */
function PlainContainer(props: {
  children?: ReactNode;
  style?: CSSProperties;
}) {
  return <div style={props.style}>{props.children}</div>;
}

/**
 * The entity's workflows, live: status, progress and duration per workflow;
 * expanding one shows its task graph, tasks and actions.
 */
export function EntityWorkflowsCard(props: EntityWorkflowsCardProps) {
  const { title = 'Agent workflows', pageSize: initialPageSize = 5 } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const links = useAgenticLinks();
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [expandedId, setExpandedId] = useState<string>();

  const { value, error, loading, refresh } = useWorkflows({
    entityRef,
    offset: pageIndex * pageSize,
    limit: pageSize,
  });

  const onPageChange = useCallback((index: number, size: number) => {
    setPageIndex(index);
    setPageSize(size);
  }, []);

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Progress />;
  } else if (value.totalCount === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No workflows yet"
        description="Workflows that agents run for this entity appear here, with their tasks and progress."
      />
    );
  } else {
    content = (
      <>
        <WorkflowTable
          page={value}
          loading={loading}
          pageIndex={pageIndex}
          pageSize={pageSize}
          pageSizeOptions={[5, 10, 20]}
          onPageChange={onPageChange}
          workflowLink={links?.workflow}
          expandedId={expandedId}
          onToggle={workflow =>
            setExpandedId(current =>
              current === workflow.id ? undefined : workflow.id,
            )
          }
          container={PlainContainer}
        />
        {expandedId && (
          <>
            <Divider />
            <Box mt={2}>
              <WorkflowDetails
                workflowId={expandedId}
                onChange={refresh}
                showEntity={false}
                showEvents={false}
              />
            </Box>
          </>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title={title}
      deepLink={
        links && value && value.totalCount > 0
          ? {
              title: 'All workflows',
              link: `${links.root()}?entityRef=${encodeURIComponent(
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
