import { compileRule } from '../rules/compileRule';
import { policyRuleSchema } from '../rules/schema';
import { toSarif } from './toSarif';

const rule = compileRule(
  policyRuleSchema.parse({
    id: 'k8s-privileged',
    title: 'No privileged containers',
    severity: 'high',
    frameworks: ['CIS Kubernetes'],
    resources: { kind: 'kubernetes' },
    compliant: 'true',
    message: 'A container runs privileged',
    remediation: 'Set privileged: false.',
  }),
  { file: 'k8s-privileged.yaml' },
);

describe('toSarif', () => {
  it('writes SARIF 2.1.0 with rules, results and locations', () => {
    const sarif = toSarif(
      {
        findings: [
          {
            ruleId: 'k8s-privileged',
            severity: 'high',
            file: 'deploy/api.yaml',
            line: 12,
            resource: 'Deployment/api',
            message: 'A container runs privileged',
            remediation: 'Set privileged: false.',
            frameworks: ['CIS Kubernetes'],
            status: 'violated',
            detail: 'sidecar',
          },
        ],
        summary: {
          files: 1,
          resources: 1,
          findings: 1,
          bySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
          errors: 1,
        },
        errors: [{ file: 'deploy/broken.yaml', error: 'bad indentation' }],
      },
      [rule],
    );
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.tool.driver.rules[0]).toMatchObject({
      id: 'k8s-privileged',
      shortDescription: { text: 'No privileged containers' },
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', tags: ['CIS Kubernetes'] },
    });
    expect(run.results).toEqual([
      expect.objectContaining({
        ruleId: 'k8s-privileged',
        ruleIndex: 0,
        level: 'error',
        message: {
          text: 'Deployment/api: A container runs privileged (sidecar). Set privileged: false.',
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'deploy/api.yaml' },
              region: { startLine: 12 },
            },
          },
        ],
      }),
    ]);
    expect(run.invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'error', message: { text: 'bad indentation' } },
      ],
    });
  });
});
