/** Formatting of times and durations for the workflow views. */

/**
 * A duration in milliseconds as a short human text: `850 ms`, `12 s`,
 * `3 m 4 s`, `1 h 2 m`, `2 d 3 h`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '–';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) {
    return `${totalSeconds} s`;
  }
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) {
    const seconds = totalSeconds % 60;
    return seconds ? `${totalMinutes} m ${seconds} s` : `${totalMinutes} m`;
  }
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) {
    const minutes = totalMinutes % 60;
    return minutes ? `${totalHours} h ${minutes} m` : `${totalHours} h`;
  }
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/**
 * The time between start and finish, or until now while unfinished;
 * undefined before the start.
 */
export function elapsedMs(
  startedAt: string | undefined,
  finishedAt: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!startedAt) {
    return undefined;
  }
  const start = Date.parse(startedAt);
  const end = finishedAt ? Date.parse(finishedAt) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return undefined;
  }
  return Math.max(0, end - start);
}

/** `formatDuration(elapsedMs(...))`, or a dash before the start. */
export function formatElapsed(
  startedAt: string | undefined,
  finishedAt: string | undefined,
  now?: number,
): string {
  const ms = elapsedMs(startedAt, finishedAt, now);
  return ms === undefined ? '–' : formatDuration(ms);
}

/** A timestamp in the viewer's locale, or a dash. */
export function formatTime(iso: string | undefined): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** `in 12 s` / `12 s ago` relative to now. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  const delta = time - now;
  const text = formatDuration(Math.abs(delta));
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}
