import { ParsedResources } from '../resources/types';
import { findHardcodedSecrets } from './findHardcodedSecrets';

/** The secrets of a file, as the scanner's parsers give resources. */
export function parseSecrets(file: string, content: string): ParsedResources {
  return { resources: findHardcodedSecrets(file, content), errors: [] };
}
