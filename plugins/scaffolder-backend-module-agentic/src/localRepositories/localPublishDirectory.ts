import { Config } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';

/** The config key of the folder that holds the local repositories. */
export const LOCAL_PUBLISH_DIRECTORY_KEY = 'scaffolder.localPublish.directory';

/**
 * The folder `agentic:publish:local` creates repositories in, absolute:
 * `scaffolder.localPublish.directory`, by default the portal's git-ignored
 * data folder (`../../.data/repositories` from packages/backend).
 */
export function readLocalPublishDirectory(config: Config): string {
  const configured = config.getOptionalString(LOCAL_PUBLISH_DIRECTORY_KEY);
  if (configured !== undefined && !configured.trim()) {
    throw new Error(
      `Invalid config: ${LOCAL_PUBLISH_DIRECTORY_KEY} must not be empty`,
    );
  }
  return path.resolve(configured ?? '../../.data/repositories');
}

/** Whether `target` is `root` or below it, lexically (no `..` escape). */
export function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/** Whether a folder is there with something in it. */
export function isNonEmptyFolder(folder: string): boolean {
  try {
    return fs.readdirSync(folder).length > 0;
  } catch {
    return false;
  }
}
