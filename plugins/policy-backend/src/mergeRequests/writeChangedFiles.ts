import { ScanError } from '@agentic-devops/plugin-policy-common';
import { ChangedFile } from '@agentic-devops/plugin-policy-node';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a merge request's changed files under `root`, keeping their
 * repository paths (so findings name them as the repository does, and a
 * Terraform module's files stay together). A path that would land outside
 * `root` is not written; it comes back as a scan error.
 */
export async function writeChangedFiles(
  root: string,
  files: ChangedFile[],
): Promise<ScanError[]> {
  const errors: ScanError[] = [];
  for (const file of files) {
    const normalized = path.posix.normalize(file.path.replace(/\\/g, '/'));
    if (
      path.posix.isAbsolute(normalized) ||
      normalized === '.' ||
      normalized === '..' ||
      normalized.startsWith('../')
    ) {
      errors.push({
        file: file.path,
        error: 'not a file path inside the repository; not scanned',
      });
      continue;
    }
    const target = path.join(root, ...normalized.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content);
  }
  return errors;
}
