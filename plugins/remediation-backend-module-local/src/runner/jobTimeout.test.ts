import { jobTimeoutSeconds, parseTimeoutSeconds } from './jobTimeout';

describe('parseTimeoutSeconds', () => {
  it.each([
    ['1h 30m', 5400],
    ['90 minutes', 5400],
    ['2m 30s', 150],
    ['3600', 3600],
    ['1 hour', 3600],
    ['45s', 45],
  ])('reads %s', (text, seconds) => {
    expect(parseTimeoutSeconds(text)).toBe(seconds);
  });

  it.each(['soon', '', '1 fortnight', undefined, null, {}])(
    'rejects %j',
    value => {
      expect(parseTimeoutSeconds(value)).toBeUndefined();
    },
  );
});

describe('jobTimeoutSeconds', () => {
  const limits = { defaultSeconds: 3600, maxSeconds: 10800 };

  it("takes the job's timeout, the default, and never more than the maximum", () => {
    expect(jobTimeoutSeconds('10m', limits)).toBe(600);
    expect(jobTimeoutSeconds(undefined, limits)).toBe(3600);
    expect(jobTimeoutSeconds('5h', limits)).toBe(10800);
  });
});
