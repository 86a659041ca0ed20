/**
 * The Remediation agent's diagnosis and fix steps, for its backend, its
 * modules and the CLI: a streaming job-log analyzer driven by the playbooks
 * in `playbooks/`, and the fix step types those playbooks name.
 *
 * @packageDocumentation
 */
export * from './log/cleanLine';
export * from './log/readLines';
export * from './playbooks/schema';
export * from './playbooks/loadPlaybooks';
export * from './analysis/RuleSet';
export * from './analysis/LogScanner';
export * from './analysis/LogAnalyzer';
export * from './analysis/planFix';
export * from './fixes/types';
export * from './fixes/builtinFixSteps';
export * from './fixes/pythonDistributions';
export * from './sources/types';
export * from './extensions';
