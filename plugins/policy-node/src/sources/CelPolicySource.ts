import { Finding, ScanError } from '@agentic-devops/plugin-policy-common';
import { PolicyResource } from '../resources/types';
import { CompiledPolicyRule } from '../rules/compileRule';
import { PolicySource } from './types';

/** The rules of policies/ as a policy source. */
export class CelPolicySource implements PolicySource {
  readonly id = 'cel';

  constructor(private readonly rules: CompiledPolicyRule[]) {}

  async evaluate(resources: PolicyResource[]) {
    const findings: Finding[] = [];
    const errors: ScanError[] = [];
    for (const resource of resources) {
      for (const rule of this.rules) {
        if (!rule.appliesTo(resource)) continue;
        const outcome = rule.evaluate(resource);
        if (outcome.status === 'compliant') continue;
        if (outcome.status === 'error') {
          errors.push({
            file: resource.file,
            error: `rule ${rule.spec.id} on ${resource.name}: ${outcome.error}`,
          });
          continue;
        }
        findings.push({
          ruleId: rule.spec.id,
          severity: rule.severity,
          file: resource.file,
          line: resource.line,
          resource: resource.name,
          message: rule.spec.message,
          remediation: rule.spec.remediation,
          frameworks: rule.spec.frameworks,
          status: outcome.status,
          ...(outcome.status === 'unknown' && { detail: outcome.reason }),
          ...(outcome.status === 'violated' &&
            outcome.violations.length > 0 && {
              detail: outcome.violations.join(', '),
            }),
        });
      }
    }
    return { findings, errors };
  }
}
