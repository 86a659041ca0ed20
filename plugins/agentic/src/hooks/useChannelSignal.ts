import { useEffect, useRef } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';

/** What a signal message may be: a JSON object. */
export type SignalMessage = NonNullable<
  ReturnType<typeof useSignal>['lastSignal']
>;

/**
 * Calls `onSignal` for every message on a signals channel (the Planner's or
 * the Remediation agent's). The messages carry ids and status only; callers
 * decide whether to refetch.
 */
export function useChannelSignal<S extends SignalMessage>(
  channel: string,
  onSignal: (signal: S) => void,
): { isSignalsAvailable: boolean } {
  const { lastSignal, isSignalsAvailable } = useSignal<S>(channel);
  const handler = useRef(onSignal);
  useEffect(() => {
    handler.current = onSignal;
  });
  useEffect(() => {
    if (lastSignal) {
      handler.current(lastSignal);
    }
  }, [lastSignal]);
  return { isSignalsAvailable };
}
