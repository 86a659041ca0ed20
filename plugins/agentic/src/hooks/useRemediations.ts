import { useApi } from '@backstage/core-plugin-api';
import { Page } from '@agentic-devops/plugin-agentic-common';
import {
  ListRemediationsQuery,
  Remediation,
  REMEDIATION_SIGNAL_CHANNEL,
  RemediationSignal,
} from '@agentic-devops/plugin-remediation-common';
import { remediationApiRef } from '../api';
import { isRemediationInProgress } from '../lib/remediation';
import { LiveLoadState, useLiveLoad } from './useLiveLoad';

/**
 * One page of remediations, latest failure first, kept current: a signal
 * about a listed remediation, or about any remediation that matches the
 * entity filter (or any at all without one), refetches; remediations the
 * agent is still working on are polled.
 */
export function useRemediations(
  query: ListRemediationsQuery,
): LiveLoadState<Page<Remediation>> {
  const remediationApi = useApi(remediationApiRef);
  return useLiveLoad<Page<Remediation>, RemediationSignal>(
    () => remediationApi.listRemediations(query),
    JSON.stringify(query),
    {
      channel: REMEDIATION_SIGNAL_CHANNEL,
      concerns: (signal, page) =>
        Boolean(page?.items.some(r => r.id === signal.remediationId)) ||
        !query.entityRef ||
        signal.entityRef === query.entityRef,
      isLive: page => page.items.some(r => isRemediationInProgress(r.status)),
    },
  );
}
