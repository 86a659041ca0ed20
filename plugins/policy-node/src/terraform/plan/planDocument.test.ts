import { Unknown } from '../values/Unknown';
import { withoutKeys, withUnknowns } from './planDocument';

describe('plan documents', () => {
  it('strip instance keys from addresses', () => {
    expect(withoutKeys('module.a["x"].module.b[0].aws_s3_bucket.c["k]"]')).toBe(
      'module.a.module.b.aws_s3_bucket.c',
    );
  });

  it('put Unknowns where after_unknown marks them, keeping the rest', () => {
    const values = withUnknowns(
      { bucket: 'b', rule: [{ id: 'r' }], tags: { a: '1' } },
      { arn: true, rule: [{ prefix: true }], tags: {} },
      'aws_s3_bucket.x',
    ) as Record<string, any>;
    expect(values.bucket).toBe('b');
    expect(values.tags).toEqual({ a: '1' });
    expect(values.arn).toEqual(expect.any(Unknown));
    expect(values.arn.computed).toBe('aws_s3_bucket.x.arn');
    expect(values.rule[0].id).toBe('r');
    expect(values.rule[0].prefix.reason).toBe(
      'aws_s3_bucket.x.rule[0].prefix is only known after apply',
    );
  });
});
