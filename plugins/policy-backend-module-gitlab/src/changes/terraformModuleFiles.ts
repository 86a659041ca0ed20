import { posix } from 'node:path';

/**
 * The files Terraform reads as one module: its `.tf` files and variable
 * files (`.tfvars`, `.tfvars.json`). A module is judged whole, so a change
 * to one brings in the others of its folder.
 */
export function isTerraformModuleFile(path: string): boolean {
  const base = posix.basename(path);
  return (
    base.endsWith('.tf') ||
    base.endsWith('.tfvars') ||
    base.endsWith('.tfvars.json')
  );
}

/** The folder of a repository path, `''` for the root. */
export function folderOf(path: string): string {
  const folder = posix.dirname(path);
  return folder === '.' ? '' : folder;
}
