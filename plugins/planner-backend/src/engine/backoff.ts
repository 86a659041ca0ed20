/**
 * Delay before the attempt after `attempt`: exponential from `initialDelayMs`,
 * capped at `maxDelayMs`, with "equal jitter" (half fixed, half random) so
 * that tasks failing together do not retry together.
 */
export function backoffDelay(
  attempt: number,
  options: { initialDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    options.maxDelayMs,
    options.initialDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
