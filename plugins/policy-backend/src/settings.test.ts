import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { readPolicySettings } from './settings';

const read = (policy: object, app?: object) =>
  readPolicySettings(new ConfigReader({ policy, ...(app && { app }) }));

describe('readPolicySettings', () => {
  it('has defaults', () => {
    expect(read({})).toEqual({
      policiesDirectory: path.resolve('policies'),
      overrides: {},
      failOn: 'critical',
      waiverMaxDays: 365,
      portalUrl: undefined,
    });
  });

  it('reads every setting', () => {
    expect(
      read(
        {
          rules: {
            directory: '../../policies',
            overrides: {
              'instance-type-allowed': {
                params: { allowed: ['t3.micro'] },
              },
              'required-tags': { enabled: false },
              's3-versioning': { severity: 'low' },
            },
          },
          gate: { failOn: 'high' },
          waivers: { maxDays: 90 },
        },
        { baseUrl: 'http://localhost:3000' },
      ),
    ).toEqual({
      policiesDirectory: path.resolve('../../policies'),
      overrides: {
        'instance-type-allowed': { params: { allowed: ['t3.micro'] } },
        'required-tags': { enabled: false },
        's3-versioning': { severity: 'low' },
      },
      failOn: 'high',
      waiverMaxDays: 90,
      portalUrl: 'http://localhost:3000',
    });
  });

  it('names the key and the problem of a wrong setting', () => {
    expect(() =>
      read({ rules: { overrides: { 's3-versioning': { severity: 'huge' } } } }),
    ).toThrow(
      /^Invalid config: policy.rules.overrides.s3-versioning.severity: /,
    );
    expect(() =>
      read({ rules: { overrides: { 's3-versioning': { disabled: true } } } }),
    ).toThrow(/policy.rules.overrides.s3-versioning: .*disabled/);
    expect(() => read({ gate: { failOn: 'urgent' } })).toThrow(
      "Invalid config: policy.gate.failOn must be one of critical, high, medium, low, got 'urgent'",
    );
    expect(() => read({ waivers: { maxDays: 0 } })).toThrow(
      'Invalid config: policy.waivers.maxDays must be a positive integer, got 0',
    );
  });
});
