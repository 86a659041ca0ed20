import fs from 'node:fs';
import path from 'node:path';

/** Folders never scanned: dependencies, VCS data, tool caches, build output. */
const SKIPPED = new Set([
  '.git',
  'node_modules',
  '.terraform',
  '.venv',
  'venv',
  '__pycache__',
  'dist',
  'dist-types',
  '.toolchain',
]);

/**
 * The files to scan under the given paths (files as they are, folders
 * walked), absolute, sorted, without duplicates; paths that do not exist
 * or cannot be read are returned as errors.
 */
export function listFiles(paths: string[]): {
  files: string[];
  errors: Array<{ file: string; error: string }>;
} {
  const files = new Set<string>();
  const errors: Array<{ file: string; error: string }> = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ file: dir, error: describe(error) });
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(full);
      } else if (entry.isFile()) {
        files.add(full);
      }
    }
  };
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      errors.push({ file: given, error: describe(error) });
      continue;
    }
    if (stat.isDirectory()) walk(absolute);
    else files.add(absolute);
  }
  return { files: [...files].sort(), errors };
}

export function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES') return 'permission denied';
  return e?.message ?? String(error);
}
