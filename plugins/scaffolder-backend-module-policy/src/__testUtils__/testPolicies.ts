import fs from 'node:fs';
import path from 'node:path';

/** The repository's rules folder (policies/ at the root). */
const REPO_POLICIES = path.resolve(__dirname, '../../../../policies');

/**
 * Writes a policies folder holding a copy of two of the repository's rules:
 * `docker-root-user` (medium) and `hardcoded-secret` (critical).
 */
export function writeTestPolicies(directory: string): string {
  for (const rule of [
    'dockerfile/docker-root-user.yaml',
    'file/hardcoded-secret.yaml',
  ]) {
    fs.mkdirSync(path.join(directory, path.dirname(rule)), { recursive: true });
    fs.copyFileSync(path.join(REPO_POLICIES, rule), path.join(directory, rule));
  }
  return directory;
}
