import {
  dayFromNow,
  expiryBounds,
  expiryOf,
  toWaiverRequest,
} from './waiverForm';

const NOW = Date.parse('2025-03-03T15:30:00Z');
const target = {
  ruleId: 's3-encryption',
  entityRef: 'component:default/checkout-service',
};
const valid = {
  resourcePattern: ' aws_s3_bucket.logs ',
  reason: ' Only public build logs are stored here ',
  expiresOn: '2025-06-01',
};

describe('waiver form', () => {
  it('allows an expiry from tomorrow to a year from today, in UTC days', () => {
    expect(expiryBounds(NOW)).toEqual({ min: '2025-03-04', max: '2026-03-03' });
    expect(dayFromNow(90, NOW)).toBe('2025-06-01');
    // the last day's start is still within a year of now
    expect(Date.parse(expiryOf('2026-03-03')) - NOW).toBeLessThanOrEqual(
      365 * 24 * 60 * 60 * 1000,
    );
  });

  it('makes the request, trimmed, expiring at the start of the chosen day', () => {
    expect(toWaiverRequest(valid, target, NOW)).toEqual({
      request: {
        ruleId: 's3-encryption',
        entityRef: 'component:default/checkout-service',
        resourcePattern: 'aws_s3_bucket.logs',
        reason: 'Only public build logs are stored here',
        expiresAt: '2025-06-01T00:00:00.000Z',
      },
    });
    expect(
      toWaiverRequest({ ...valid, expiresOn: '2025-03-04' }, target, NOW),
    ).toHaveProperty('request');
    expect(
      toWaiverRequest({ ...valid, expiresOn: '2026-03-03' }, target, NOW),
    ).toHaveProperty('request');
  });

  it.each([
    ['today', '2025-03-03'],
    ['past the year', '2026-03-04'],
    ['not a day', '2025-02-30x'],
    ['empty', ''],
  ])('refuses an expiry that is %s', (_, expiresOn) => {
    expect(toWaiverRequest({ ...valid, expiresOn }, target, NOW)).toEqual({
      errors: {
        expiresOn: 'Choose a day from tomorrow to a year from today',
      },
    });
  });

  it('refuses a blank pattern and a reason shorter than a sentence, naming each field', () => {
    expect(
      toWaiverRequest(
        { ...valid, resourcePattern: '   ', reason: 'because' },
        target,
        NOW,
      ),
    ).toEqual({
      errors: {
        resourcePattern:
          'Name the resources: a resource, a glob such as Deployment/web*, or * for all',
        reason: 'Say why, in a sentence (10 characters at least)',
      },
    });
  });
});
