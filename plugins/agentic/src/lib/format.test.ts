import {
  elapsedMs,
  formatDuration,
  formatElapsed,
  formatRelative,
} from './format';

describe('format', () => {
  it('formats durations at every scale', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(184_000)).toBe('3 m 4 s');
    expect(formatDuration(120_000)).toBe('2 m');
    expect(formatDuration(3_720_000)).toBe('1 h 2 m');
    expect(formatDuration(23 * 3_600_000 + 59 * 60_000)).toBe('23 h 59 m');
    expect(formatDuration(24 * 3_600_000 + 60_000)).toBe('1 d');
    expect(formatDuration(51 * 3_600_000)).toBe('2 d 3 h');
    expect(formatDuration(-1)).toBe('–');
  });

  it('measures elapsed time until now while unfinished', () => {
    const now = Date.parse('2025-01-01T00:01:00Z');
    expect(elapsedMs('2025-01-01T00:00:00Z', undefined, now)).toBe(60_000);
    expect(elapsedMs('2025-01-01T00:00:00Z', '2025-01-01T00:00:05Z', now)).toBe(
      5_000,
    );
    expect(elapsedMs(undefined, undefined, now)).toBeUndefined();
    expect(formatElapsed(undefined, undefined)).toBe('–');
  });

  it('formats relative times', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(formatRelative('2025-01-01T00:00:30Z', now)).toBe('in 30 s');
    expect(formatRelative('2024-12-31T23:59:00Z', now)).toBe('1 m ago');
  });
});
