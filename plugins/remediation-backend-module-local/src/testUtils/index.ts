/**
 * Test utilities of the local remediation module: a repository whose
 * pipeline fails for a missing Python package.
 *
 * @packageDocumentation
 */
export { createMissingPythonPackageRepository } from './missingPythonPackageRepository';
