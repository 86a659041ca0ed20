import { Finding, ScanError } from '@agentic-devops/plugin-policy-common';
import { PolicyResource } from '../resources/types';

/**
 * Where verdicts come from: the built-in rules in policies/ (CEL), or a
 * module's (an OPA server). Each judges the resources of one scan.
 */
export interface PolicySource {
  readonly id: string;
  evaluate(
    resources: PolicyResource[],
    options?: { signal?: AbortSignal },
  ): Promise<{ findings: Finding[]; errors: ScanError[] }>;
}
