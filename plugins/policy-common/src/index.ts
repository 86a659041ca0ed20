/**
 * Types, schemas, permissions and the API client of the Policy agent:
 * severities, findings, scans, waivers, compliance reports.
 *
 * @packageDocumentation
 */
export * from './severity';
export * from './finding';
export * from './scan';
export * from './waiver';
export * from './report';
export * from './reportCsv';
export * from './permissions';
export * from './client/PolicyClient';
