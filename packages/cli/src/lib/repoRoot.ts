import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder upwards holding backstage.json. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'backstage.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      // Outside a checkout: fall back to the package's own repository.
      return path.resolve(__dirname, '../../../..');
    }
    dir = parent;
  }
}
