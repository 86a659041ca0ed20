import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The local folder an entity's source is in: its
 * `backstage.io/source-location` when that is a `file:` location (what the
 * embedded default's example entities use). A relative folder is taken
 * from the folder of the entity's own catalog file, as catalog file
 * locations are. Anything else says why it cannot be scanned here.
 */
export function localSourceFolder(entity: Entity, cwd = process.cwd()): string {
  const ref = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const location = annotations[ANNOTATION_SOURCE_LOCATION];
  if (!location) {
    throw new InputError(
      `${ref} has no ${ANNOTATION_SOURCE_LOCATION} annotation, so there is no local source to scan; add one such as 'file:./src/' (repositories on GitLab are scanned on their merge requests)`,
    );
  }
  let parsed: { type: string; target: string };
  try {
    parsed = parseLocationRef(location);
  } catch (error) {
    throw new InputError(
      `${ref} has an invalid ${ANNOTATION_SOURCE_LOCATION} '${location}': ${
        (error as Error).message
      }`,
    );
  }
  if (parsed.type !== 'file') {
    throw new InputError(
      `${ref}'s source is at ${location}; only a local 'file:' folder can be scanned on request (repositories on GitLab are scanned on their merge requests)`,
    );
  }
  let base = cwd;
  const own = annotations[ANNOTATION_LOCATION];
  if (own?.startsWith('file:')) {
    base = path.dirname(path.resolve(cwd, parseLocationRef(own).target));
  }
  const folder = path.resolve(base, parsed.target);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new InputError(
      `${ref}'s source folder ${folder} (from ${ANNOTATION_SOURCE_LOCATION} '${location}') does not exist or is not a folder`,
    );
  }
  return folder;
}
