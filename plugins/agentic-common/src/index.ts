/**
 * Shared types, zod schemas, permissions and the API client of the agentic
 * plugins: the Planner's workflows, tasks, attempts and events.
 *
 * @packageDocumentation
 */
export * from './schema/status';
export * from './schema/workflow';
export * from './permissions';
export * from './client/PlannerApi';
export * from './client/PlannerClient';
export * from './client/PluginApiClient';
export * from './signals';
export * from './redaction/redactSecrets';
export * from './text/LiteralMatcher';
