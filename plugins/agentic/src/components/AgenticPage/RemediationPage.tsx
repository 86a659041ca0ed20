import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRemediations } from '../../hooks/useRemediations';
import { useRemediationStats } from '../../hooks/useRemediationStats';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import {
  RemediationFigures,
  StatusCounts,
  TopCauses,
} from '../RemediationStats';
import { RemediationTable } from '../RemediationTable';
import { RemediationRecord } from '../RemediationRecord';
import { DEFAULT_PAGE_SIZE_OPTIONS } from '../WorkflowTable';

export const DEFAULT_REMEDIATION_PAGE_SIZE = 20;

function parsePageSize(text: string | null): number {
  const size = Number(text);
  return DEFAULT_PAGE_SIZE_OPTIONS.includes(size)
    ? size
    : DEFAULT_REMEDIATION_PAGE_SIZE;
}

function parsePageIndex(text: string | null): number {
  const index = Number(text);
  return Number.isInteger(index) && index > 0 ? index : 0;
}

/**
 * `/agentic/remediation`: the Remediation agent's figures (success rate,
 * time from failure to green, counts by status, most common causes) and the
 * latest remediations across entities; `?entityRef=` narrows both to one
 * entity, as the entity card links here.
 */
export function RemediationPage() {
  const [params, setParams] = useSearchParams();
  const entityRef = params.get('entityRef') || undefined;
  const pageIndex = parsePageIndex(params.get('page'));
  const pageSize = parsePageSize(params.get('pageSize'));
  const links = useAgenticLinks();
  const [expandedId, setExpandedId] = useState<string>();

  const stats = useRemediationStats({ entityRef });
  const remediations = useRemediations({
    entityRef,
    offset: pageIndex * pageSize,
    limit: pageSize,
  });
  const { refresh: refreshList } = remediations;
  const { refresh: refreshStats } = stats;
  const refreshAll = useCallback(() => {
    refreshList();
    refreshStats();
  }, [refreshList, refreshStats]);

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

  let figures;
  if (stats.error) {
    figures = <ResponseErrorPanel error={stats.error} />;
  } else if (!stats.value) {
    figures = <Progress />;
  } else {
    figures = (
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <RemediationFigures stats={stats.value} />
        </Grid>
        <Grid item xs={12} md={4}>
          <StatusCounts stats={stats.value} />
        </Grid>
        <Grid item xs={12} md={8}>
          <TopCauses stats={stats.value} />
        </Grid>
      </Grid>
    );
  }

  const expanded = remediations.value?.items.find(r => r.id === expandedId);
  let list;
  if (remediations.error) {
    list = <ResponseErrorPanel error={remediations.error} />;
  } else if (!remediations.value) {
    list = <Progress />;
  } else {
    list = (
      <>
        <RemediationTable
          title="Latest remediations"
          page={remediations.value}
          loading={remediations.loading}
          pageIndex={pageIndex}
          pageSize={pageSize}
          onPageChange={(newIndex, newSize) =>
            update({
              page: newIndex ? String(newIndex) : undefined,
              pageSize:
                newSize === DEFAULT_REMEDIATION_PAGE_SIZE
                  ? undefined
                  : String(newSize),
            })
          }
          expandedId={expandedId}
          onToggle={remediation =>
            setExpandedId(current =>
              current === remediation.id ? undefined : remediation.id,
            )
          }
          emptyContent={
            <EmptyState
              missing="data"
              title="No remediations yet"
              description={
                entityRef
                  ? 'No CI pipeline of this entity has failed since the agent watches it.'
                  : 'When a CI pipeline fails, the Remediation agent diagnoses the failed job and fixes what it safely can; each failure appears here.'
              }
            />
          }
        />
        {expanded && (
          <Box mt={2}>
            <InfoCard title={`Job ${expanded.jobName}`}>
              <RemediationRecord
                remediation={expanded}
                onChange={refreshAll}
                showEntity
                workflowLink={links?.workflow}
              />
            </InfoCard>
          </Box>
        )}
      </>
    );
  }

  return (
    <>
      {entityRef && (
        <Box mb={2}>
          <Chip
            label={`Entity: ${entityRef}`}
            onDelete={() => update({ entityRef: undefined, page: undefined })}
          />
        </Box>
      )}
      <Box mb={3}>{figures}</Box>
      {list}
    </>
  );
}
