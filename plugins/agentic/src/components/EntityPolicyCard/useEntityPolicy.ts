import { useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import {
  PolicyScan,
  ScanTrendPoint,
  Waiver,
} from '@agentic-devops/plugin-policy-common';
import { policyApiRef } from '../../api';

export interface Loaded<T> {
  value?: T;
  error?: Error;
  loading: boolean;
}

export interface EntityPolicy {
  /** The latest scan; `value` is null when the entity has none. */
  scan: Loaded<PolicyScan | null>;
  trend: Loaded<ScanTrendPoint[]>;
  waivers: Loaded<Waiver[]>;
  /** Loads the waivers and the latest scan again (after a request or decision). */
  refresh: () => void;
}

/**
 * The entity's latest scan, its trend and its waivers, each loaded on its
 * own so that one failing does not hide the others.
 */
export function useEntityPolicy(entityRef: string): EntityPolicy {
  const policyApi = useApi(policyApiRef);
  const scan = useAsyncRetry(
    async () => (await policyApi.getLatestScan(entityRef)) ?? null,
    [policyApi, entityRef],
  );
  const trend = useAsyncRetry(
    () => policyApi.getTrend(entityRef),
    [policyApi, entityRef],
  );
  const waivers = useAsyncRetry(
    () => policyApi.listWaivers({ entityRef }),
    [policyApi, entityRef],
  );
  const { retry: retryScan } = scan;
  const { retry: retryWaivers } = waivers;
  const refresh = useCallback(() => {
    retryWaivers();
    retryScan();
  }, [retryWaivers, retryScan]);
  return { scan, trend, waivers, refresh };
}
