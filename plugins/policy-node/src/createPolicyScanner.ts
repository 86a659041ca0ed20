import { ScanReport } from '@agentic-devops/plugin-policy-common';
import { defaultParsers } from './scan/defaultParsers';
import { scanPaths } from './scan/scanPaths';
import { CompiledPolicyRule } from './rules/compileRule';
import { loadPolicyRules, RuleOverride } from './rules/loadPolicyRules';
import { CelPolicySource } from './sources/CelPolicySource';
import { PolicySource } from './sources/types';

export interface PolicyScanner {
  /** The enabled rules of policies/. */
  rules: CompiledPolicyRule[];
  scan(
    paths: string[],
    options?: { cwd?: string; signal?: AbortSignal },
  ): Promise<ScanReport>;
}

/**
 * The rules of a policies folder (with configuration applied) and any other
 * sources, over the built-in parsers: what the CLI, the backend and the
 * scaffolder action scan with.
 */
export function createPolicyScanner(options: {
  policiesDirectory: string;
  overrides?: Record<string, RuleOverride>;
  sources?: PolicySource[];
}): PolicyScanner {
  const { rules } = loadPolicyRules(
    options.policiesDirectory,
    options.overrides,
  );
  const sources = [new CelPolicySource(rules), ...(options.sources ?? [])];
  return {
    rules,
    scan: (paths, scanOptions = {}) =>
      scanPaths(paths, { sources, parsers: defaultParsers, ...scanOptions }),
  };
}
