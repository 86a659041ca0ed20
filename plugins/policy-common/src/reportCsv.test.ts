import { complianceReportToCsv } from './reportCsv';

describe('complianceReportToCsv', () => {
  it('writes a header and one row per framework, rule and owner, quoted where needed', () => {
    expect(
      complianceReportToCsv({
        generatedAt: '2026-11-25T10:00:00Z',
        frameworks: [],
        rows: [
          {
            framework: 'CIS AWS',
            ruleId: 's3-encryption',
            severity: 'high',
            owner: 'group:default/payments-team',
            entities: 3,
            compliant: 2,
            findings: 1,
            waived: 0,
          },
          {
            framework: 'SOC 2, type "II"',
            ruleId: 'hardcoded-secret',
            severity: 'critical',
            owner: 'group:default/web',
            entities: 1,
            compliant: 1,
            findings: 0,
            waived: 1,
          },
        ],
      }),
    ).toBe(
      'framework,ruleId,severity,owner,entities,compliant,findings,waived\r\n' +
        'CIS AWS,s3-encryption,high,group:default/payments-team,3,2,1,0\r\n' +
        '"SOC 2, type ""II""",hardcoded-secret,critical,group:default/web,1,1,0,1\r\n',
    );
  });
});
