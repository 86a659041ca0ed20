import { backoffDelay } from './backoff';

const options = { initialDelayMs: 1000, maxDelayMs: 10_000 };

describe('backoffDelay', () => {
  it('doubles per attempt within its jitter band', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(500);
    expect(backoffDelay(1, options, () => 1)).toBe(1000);
    expect(backoffDelay(2, options, () => 0)).toBe(1000);
    expect(backoffDelay(3, options, () => 1)).toBe(4000);
  });

  it('is capped', () => {
    expect(backoffDelay(20, options, () => 1)).toBe(10_000);
    expect(backoffDelay(20, options, () => 0)).toBe(5000);
  });

  it('spreads retries of tasks that failed together', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => backoffDelay(3, options)),
    );
    expect(delays.size).toBeGreaterThan(10);
  });
});
