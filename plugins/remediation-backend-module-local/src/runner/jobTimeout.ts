const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1 };

/**
 * GitLab's `timeout:` durations ("1h 30m", "90 minutes", "2m 30s", "3600"
 * seconds) in seconds; undefined when it is not one.
 */
export function parseTimeoutSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text) || undefined;
  const unitSeconds = (unit: string) => UNIT_SECONDS[unit[0]];
  let seconds = 0;
  let rest = text;
  for (const [part, n, unit] of text.matchAll(
    /(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b/g,
  )) {
    seconds += Number(n) * unitSeconds(unit);
    rest = rest.replace(part, '');
  }
  return seconds > 0 && !/[a-z0-9]/.test(rest) ? seconds : undefined;
}

/**
 * How long a job may run: its own `timeout:` (or the `default:` one), else
 * the configured default, never more than the configured maximum (GitLab's
 * project timeout and runner maximum timeout).
 */
export function jobTimeoutSeconds(
  timeout: unknown,
  limits: { defaultSeconds: number; maxSeconds: number },
): number {
  return Math.min(
    parseTimeoutSeconds(timeout) ?? limits.defaultSeconds,
    limits.maxSeconds,
  );
}
