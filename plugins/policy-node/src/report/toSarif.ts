import { ScanReport, Severity } from '@agentic-devops/plugin-policy-common';
import { CompiledPolicyRule } from '../rules/compileRule';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub and GitLab code scanning rank findings by this CVSS-like score. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
};

/**
 * A scan as SARIF 2.1.0, one run, the rules that ran as the tool's rules.
 * Errors (files that could not be scanned) become tool notifications.
 */
export function toSarif(
  report: ScanReport,
  rules: Array<Pick<CompiledPolicyRule, 'spec' | 'severity'>>,
) {
  const ruleIndex = new Map(rules.map((r, i) => [r.spec.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'agentic-policy',
            rules: rules.map(({ spec, severity }) => ({
              id: spec.id,
              name: spec.id,
              shortDescription: { text: spec.title },
              fullDescription: { text: spec.message },
              help: { text: spec.remediation },
              defaultConfiguration: { level: LEVEL[severity] },
              properties: {
                tags: spec.frameworks,
                'security-severity': SECURITY_SEVERITY[severity],
              },
            })),
          },
        },
        results: report.findings.map(finding => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) && {
            ruleIndex: ruleIndex.get(finding.ruleId),
          }),
          level: LEVEL[finding.severity],
          message: {
            text: `${finding.resource}: ${finding.message}${
              finding.detail ? ` (${finding.detail})` : ''
            }${
              finding.status === 'unknown'
                ? ' [cannot be decided before apply]'
                : ''
            }. ${finding.remediation}`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file },
                region: { startLine: Math.max(1, finding.line) },
              },
            },
          ],
          properties: {
            resource: finding.resource,
            status: finding.status,
            severity: finding.severity,
          },
        })),
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map(e => ({
              level: 'error',
              message: { text: e.error },
              locations: [
                { physicalLocation: { artifactLocation: { uri: e.file } } },
              ],
            })),
          },
        ],
      },
    ],
  };
}
