import { useEffect, useRef } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  PLANNER_SIGNAL_CHANNEL,
  WorkflowSignal,
} from '@agentic-devops/plugin-agentic-common';

/**
 * Calls `onSignal` for every message on the Planner's signals channel. The
 * messages carry ids and status only; callers decide whether to refetch.
 */
export function usePlannerSignal(onSignal: (signal: WorkflowSignal) => void): {
  isSignalsAvailable: boolean;
} {
  const { lastSignal, isSignalsAvailable } = useSignal<WorkflowSignal>(
    PLANNER_SIGNAL_CHANNEL,
  );
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
