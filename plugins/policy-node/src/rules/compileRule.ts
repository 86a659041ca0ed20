import { Severity } from '@agentic-devops/plugin-policy-common';
import {
  celEnv,
  isCelError,
  isCelList,
  parse,
  plan,
  type CelInput,
} from '@bufbuild/cel';
import { PolicyResource } from '../resources/types';
import { overlaps, referencedPaths } from './referencedPaths';
import { PolicyRuleSpec } from './schema';

/** What one rule says of one resource. */
export type RuleOutcome =
  | { status: 'compliant' }
  | { status: 'violated'; violations: string[] }
  | { status: 'unknown'; reason: string }
  | { status: 'error'; error: string };

export interface CompiledPolicyRule {
  spec: PolicyRuleSpec;
  /** After configuration. */
  severity: Severity;
  params: Record<string, unknown>;
  /** Where it came from, relative to the policies directory. */
  file: string;
  appliesTo(resource: PolicyResource): boolean;
  evaluate(resource: PolicyResource): RuleOutcome;
}

/** Thrown for a rule that cannot be used; names the rule and the problem. */
export class PolicyRuleError extends Error {}

const env = celEnv();

function compile(expression: string, what: string) {
  try {
    return plan(env, parse(expression));
  } catch (error) {
    throw new PolicyRuleError(`${what}: ${(error as Error).message}`);
  }
}

/**
 * A rule ready to run: its CEL planned once, the attribute paths it reads
 * known, so that a resource whose value at one of them cannot be known is
 * reported as unknown rather than judged.
 */
export function compileRule(
  spec: PolicyRuleSpec,
  options: {
    file: string;
    severity?: Severity;
    params?: Record<string, unknown>;
  },
): CompiledPolicyRule {
  const compliant = compile(spec.compliant, 'compliant');
  const violations = spec.violations
    ? compile(spec.violations, 'violations')
    : undefined;
  const reads = [
    ...referencedPaths(spec.compliant),
    ...(spec.violations ? referencedPaths(spec.violations) : []),
  ];
  const params = { ...spec.params, ...options.params };
  const types = spec.resources.types ? new Set(spec.resources.types) : null;

  return {
    spec,
    severity: options.severity ?? spec.severity,
    params,
    file: options.file,
    appliesTo: resource =>
      resource.kind === spec.resources.kind &&
      (types === null || types.has(resource.type)),
    evaluate(resource) {
      const unknown = resource.unknowns?.find(u =>
        reads.some(read => overlaps(read, u.path)),
      );
      if (unknown) {
        return {
          status: 'unknown',
          reason: `${unknown.path} cannot be known before apply: ${unknown.reason}`,
        };
      }
      const bindings = {
        resource: resource as unknown as CelInput,
        params: params as CelInput,
      };
      const result = compliant(bindings);
      if (isCelError(result)) {
        return { status: 'error', error: result.message };
      }
      if (typeof result !== 'boolean') {
        return {
          status: 'error',
          error: `compliant gave ${typeof result}, not a boolean`,
        };
      }
      if (result) return { status: 'compliant' };
      if (!violations) return { status: 'violated', violations: [] };
      const parts = violations(bindings);
      if (isCelError(parts) || !isCelList(parts)) {
        return { status: 'violated', violations: [] };
      }
      return {
        status: 'violated',
        violations: [...parts].map(part => String(part)),
      };
    },
  };
}
