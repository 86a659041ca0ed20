import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest folder upwards holding backstage.json,
 * or the working directory itself outside a checkout.
 */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'backstage.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return path.resolve(from);
    }
    dir = parent;
  }
}
