/**
 * Types and schemas of the Policy agent: severities, findings, scans.
 *
 * @packageDocumentation
 */
export * from './severity';
export * from './finding';
