import { useCallback, useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useInterval from 'react-use/esm/useInterval';
import { SignalMessage, useChannelSignal } from './useChannelSignal';

/** How often unfinished work is polled, in case signals are not connected. */
export const POLL_INTERVAL_MS = 5000;

/** Signals arriving within this window cause one refetch. */
export const SIGNAL_COALESCE_MS = 250;

export interface LiveLoadOptions<T, S> {
  /** The signals channel of the agent whose data is loaded. */
  channel: string;
  /** Whether a signal on the channel may change what was loaded. */
  concerns: (signal: S, value: T | undefined) => boolean;
  /** Whether what was loaded is still changing: then it is polled. */
  isLive: (value: T) => boolean;
  pollIntervalMs?: number;
}

export interface LiveLoadState<T> {
  /** The latest value; while `key` changes, the value of the previous key. */
  value?: T;
  error?: Error;
  /** True until a value for the current key has arrived (background refreshes do not count). */
  loading: boolean;
  /** Loads again now. */
  refresh: () => void;
}

/**
 * Loads a value for `key` and keeps it current: refetches when a signal on
 * the channel concerns it, and polls while it is live. Background refreshes
 * keep the previous value on screen.
 */
export function useLiveLoad<T, S extends SignalMessage>(
  load: () => Promise<T>,
  key: string,
  options: LiveLoadOptions<T, S>,
): LiveLoadState<T> {
  const {
    channel,
    concerns,
    isLive,
    pollIntervalMs = POLL_INTERVAL_MS,
  } = options;
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion(v => v + 1), []);

  // `load` reads only what `key` describes, so key and version are its deps.
  const state = useAsync(
    async () => ({ key, value: await load() }),
    [key, version],
  );
  // useAsync forgets the value when a refresh fails; keep the last one, so
  // that polling goes on (and recovers) while the error is shown.
  const [lastLoaded, setLastLoaded] = useState<{ key: string; value: T }>();
  useEffect(() => {
    if (state.value) {
      setLastLoaded(state.value);
    }
  }, [state.value]);
  const current = state.value ?? lastLoaded;
  const value = current?.value;
  const isCurrent = current !== undefined && current.key === key;

  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      if (pending.current) {
        clearTimeout(pending.current);
      }
    },
    [],
  );

  useChannelSignal<S>(channel, signal => {
    if (!pending.current && concerns(signal, value)) {
      pending.current = setTimeout(() => {
        pending.current = undefined;
        refresh();
      }, SIGNAL_COALESCE_MS);
    }
  });

  useInterval(
    refresh,
    isCurrent && isLive(current.value) ? pollIntervalMs : null,
  );

  return {
    value,
    error: state.error,
    loading: !state.error && !isCurrent,
    refresh,
  };
}
