import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useWorkflows } from '../../hooks/useWorkflows';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import { DEFAULT_PAGE_SIZE_OPTIONS, WorkflowTable } from '../WorkflowTable';
import {
  parseStatusFilter,
  statusesFor,
  WorkflowFilters,
} from '../WorkflowFilters';

export const DEFAULT_PAGE_SIZE = 20;

function parsePageSize(text: string | null): number {
  const size = Number(text);
  return DEFAULT_PAGE_SIZE_OPTIONS.includes(size) ? size : DEFAULT_PAGE_SIZE;
}

function parsePageIndex(text: string | null): number {
  const index = Number(text);
  return Number.isInteger(index) && index > 0 ? index : 0;
}

/**
 * Every workflow, filtered by status and entity, a page at a time from the
 * server. The filters and the page live in the URL (`?status=failed&entityRef=…&page=2`).
 */
export function WorkflowListPage() {
  const [params, setParams] = useSearchParams();
  const status = parseStatusFilter(params.get('status'));
  const entityRef = params.get('entityRef') ?? '';
  const pageIndex = parsePageIndex(params.get('page'));
  const pageSize = parsePageSize(params.get('pageSize'));
  const links = useAgenticLinks();

  const { value, error, loading } = useWorkflows({
    status: statusesFor(status),
    entityRef: entityRef || undefined,
    offset: pageIndex * pageSize,
    limit: pageSize,
  });

  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [key, change] of Object.entries(changes)) {
            if (change === undefined || change === '') {
              next.delete(key);
            } else {
              next.set(key, change);
            }
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Progress />;
  } else {
    content = (
      <WorkflowTable
        title="Workflows"
        page={value}
        loading={loading}
        pageIndex={pageIndex}
        pageSize={pageSize}
        onPageChange={(newIndex, newSize) =>
          update({
            page: newIndex ? String(newIndex) : undefined,
            pageSize:
              newSize === DEFAULT_PAGE_SIZE ? undefined : String(newSize),
          })
        }
        showEntity
        workflowLink={links?.workflow}
        emptyContent={
          <EmptyState
            missing="data"
            title="No workflows"
            description={
              status === 'all' && !entityRef
                ? 'Workflows the agents start appear here.'
                : 'No workflow matches these filters.'
            }
          />
        }
      />
    );
  }

  return (
    <>
      <Box mb={2}>
        <WorkflowFilters
          status={status}
          entityRef={entityRef}
          onStatusChange={next =>
            update({
              status: next === 'all' ? undefined : next,
              page: undefined,
            })
          }
          onEntityRefChange={next =>
            update({ entityRef: next, page: undefined })
          }
        />
      </Box>
      {content}
    </>
  );
}
