import { StoredWaiver } from '../database/PolicyStore';
import { matchWaiver, resourcePatternMatches } from './matchWaiver';

describe('resourcePatternMatches', () => {
  it.each([
    ['*', 'aws_s3_bucket.logs', true],
    ['aws_s3_bucket.logs', 'aws_s3_bucket.logs', true],
    ['aws_s3_bucket.logs', 'aws_s3_bucket.logsX', false],
    ['aws_s3_bucket.*', 'aws_s3_bucket.public_assets', true],
    ['aws_s3_bucket.*', 'aws_s3_bucketXpublic', false],
    ['Deployment/web*', 'Deployment/payments/web', false],
    ['Deployment/*/web*', 'Deployment/payments/web-canary', true],
    ['*/settings.py', 'app/config/settings.py', true],
    ['Deployment/Web', 'Deployment/web', false],
    ['a+b(c)', 'a+b(c)', true],
    ['a+b(c)', 'aab(c)', false],
    ['[x]', 'x', false],
  ])('%p covers %p: %p', (pattern, resource, expected) => {
    expect(resourcePatternMatches(pattern, resource)).toBe(expected);
  });
});

describe('matchWaiver', () => {
  const waiver = (id: string, ruleId: string, resourcePattern: string) =>
    ({ id, ruleId, resourcePattern } as StoredWaiver);

  it('needs the same rule and a matching resource; the first match wins', () => {
    const waivers = [
      waiver('w1', 's3-versioning', 'aws_s3_bucket.logs'),
      waiver('w2', 's3-encryption', 'aws_s3_bucket.*'),
      waiver('w3', 's3-encryption', '*'),
    ];
    expect(
      matchWaiver(
        { ruleId: 's3-encryption', resource: 'aws_s3_bucket.logs' },
        waivers,
      )?.id,
    ).toBe('w2');
    expect(
      matchWaiver(
        { ruleId: 's3-versioning', resource: 'aws_s3_bucket.data' },
        waivers,
      ),
    ).toBeUndefined();
    expect(
      matchWaiver({ ruleId: 's3-encryption', resource: 'x' }, waivers)?.id,
    ).toBe('w3');
  });
});
