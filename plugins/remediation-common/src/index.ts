/**
 * Types, categories, permissions and the API client of the Remediation agent.
 *
 * @packageDocumentation
 */
export * from './categories';
export * from './diagnosis';
export * from './remediation';
export * from './permissions';
export * from './signals';
export * from './client/RemediationClient';
