import { InputError } from '@backstage/errors';

/** A GitLab id (job, pipeline), kept as a string in the sources contract. */
export function numericId(value: string, what: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id)) {
    throw new InputError(`Invalid GitLab ${what} id "${value}"`);
  }
  return id;
}
