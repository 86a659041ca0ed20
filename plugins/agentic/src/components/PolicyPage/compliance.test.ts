import { makeComplianceReport } from '../../__testUtils__/policyFixtures';
import {
  compliancePercent,
  csvFileName,
  filteredReport,
  frameworksOf,
  ownerLabel,
  ownersOf,
} from './compliance';

describe('compliance report views', () => {
  const report = makeComplianceReport();

  it('lists the frameworks and teams to filter by', () => {
    expect(frameworksOf(report)).toEqual(['CIS AWS', 'PCI-DSS']);
    expect(ownersOf(report)).toEqual([
      'group:default/payments',
      'group:default/platform',
    ]);
    expect(ownerLabel('group:default/payments')).toBe('payments');
    expect(ownerLabel('group:ops/sre')).toBe('ops/sre');
    expect(ownerLabel('user:default/alice')).toBe('user:alice');
    expect(ownerLabel('')).toBe('');
  });

  it("keeps the agent's figures without a team, sums a team's rows with one", () => {
    expect(filteredReport(report, {}).frameworks).toEqual(report.frameworks);
    expect(filteredReport(report, { framework: 'PCI-DSS' }).frameworks).toEqual(
      [{ framework: 'PCI-DSS', compliant: 1, total: 4 }],
    );
    expect(filteredReport(report, { owner: 'group:default/payments' })).toEqual(
      {
        generatedAt: report.generatedAt,
        frameworks: [
          { framework: 'CIS AWS', compliant: 3, total: 4 },
          { framework: 'PCI-DSS', compliant: 1, total: 4 },
        ],
        rows: [report.rows[0], report.rows[2]],
      },
    );
    expect(
      filteredReport(report, {
        framework: 'PCI-DSS',
        owner: 'group:default/platform',
      }),
    ).toEqual({ generatedAt: report.generatedAt, frameworks: [], rows: [] });
  });

  it('rounds percentages down, so that 100% means no gap', () => {
    expect(compliancePercent(199, 200)).toBe('99%');
    expect(compliancePercent(4, 4)).toBe('100%');
    expect(compliancePercent(0, 0)).toBe('–');
  });

  it('names the file by day and filters', () => {
    expect(csvFileName(report, {})).toBe('compliance-2025-03-03.csv');
    expect(
      csvFileName(report, {
        framework: 'CIS AWS',
        owner: 'group:default/payments',
      }),
    ).toBe('compliance-cis-aws-payments-2025-03-03.csv');
  });
});
