import { Config } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';

/** The config key of the folder that holds the local repositories. */
export const LOCAL_PUBLISH_DIRECTORY_KEY = 'scaffolder.localPublish.directory';
/** The config key that turns local publishing off (production). */
export const LOCAL_PUBLISH_ENABLED_KEY = 'scaffolder.localPublish.enabled';

/** Why publishing locally is refused when it is turned off. */
export const LOCAL_PUBLISH_DISABLED_MESSAGE = `publishing to a local repository is turned off in this portal (${LOCAL_PUBLISH_ENABLED_KEY}: false); publish to GitLab`;

/**
 * The folder `agentic:publish:local` creates repositories in, absolute:
 * `scaffolder.localPublish.directory`, by default the portal's git-ignored
 * data folder (`../../.data/repositories` from packages/backend); undefined
 * when `scaffolder.localPublish.enabled` is false.
 */
export function readLocalPublishDirectory(config: Config): string | undefined {
  if (config.getOptionalBoolean(LOCAL_PUBLISH_ENABLED_KEY) === false) {
    return undefined;
  }
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
