import { useApi } from '@backstage/core-plugin-api';
import {
  RemediationStats,
  RemediationStatus,
  REMEDIATION_SIGNAL_CHANNEL,
  RemediationSignal,
} from '@agentic-devops/plugin-remediation-common';
import { remediationApiRef } from '../api';
import { isRemediationInProgress } from '../lib/remediation';
import { LiveLoadState, useLiveLoad } from './useLiveLoad';

/**
 * The Remediation agent's figures (of one entity, or of all), refetched when
 * a remediation they count changes, and polled while some are in progress.
 */
export function useRemediationStats(
  query: { entityRef?: string } = {},
): LiveLoadState<RemediationStats> {
  const remediationApi = useApi(remediationApiRef);
  const { entityRef } = query;
  return useLiveLoad<RemediationStats, RemediationSignal>(
    () => remediationApi.getStats(entityRef ? { entityRef } : {}),
    entityRef ?? '',
    {
      channel: REMEDIATION_SIGNAL_CHANNEL,
      concerns: signal => !entityRef || signal.entityRef === entityRef,
      isLive: stats =>
        Object.entries(stats.byStatus).some(
          ([status, count]) =>
            count > 0 && isRemediationInProgress(status as RemediationStatus),
        ),
    },
  );
}
