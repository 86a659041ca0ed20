import {
  computedPlaceholder,
  isObject,
  Unknown,
  Value,
  ValueObject,
} from '../values/Unknown';

export type Path = Array<string | number>;

/**
 * One resource instance on its way to a PolicyResource, from HCL or from a
 * plan: its resolved values (Unknowns inside), to which the normalisers
 * add the keys rules read.
 */
export interface ResourceInstance {
  type: string;
  /** Terraform's address: `aws_s3_bucket.logs`, `module.x.aws_instance.web[0]`. */
  address: string;
  /** The address without the instance key: `aws_instance.web`. */
  base: string;
  file: string;
  line: number;
  values: ValueObject;
  /**
   * Whether the configuration sets the value at this path. A value the
   * configuration leaves out takes AWS's default, even where a plan shows
   * it as known only after apply.
   */
  configured(path: Path): boolean;
  /** The provider's default_tags (HCL; a plan has tags_all already). */
  defaultTags?: Value;
}

/** The value at a path (`undefined` when absent; an Unknown on the way is returned). */
export function valueAt(
  value: Value | undefined,
  path: Path,
): Value | undefined {
  let current: Value | undefined = value;
  for (const step of path) {
    if (current instanceof Unknown) return current;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isObject(current)) return undefined;
      current = current[step];
    }
  }
  return current;
}

/** Whether a plain (hcl2json-like) structure has a value at the path. */
export function hasPath(value: unknown, path: Path): boolean {
  let current: unknown = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<string | number, unknown>)[step];
    if (current === undefined) return false;
  }
  return true;
}

/**
 * A setting as it takes effect: the configured value, or `fallback` when
 * it is left out (absent, null, or unknown but not configured).
 */
export function setting(
  instance: ResourceInstance,
  path: Path,
  fallback: Value,
): Value {
  const value = valueAt(instance.values, path);
  if (value === undefined || value === null) return fallback;
  if (value instanceof Unknown && !instance.configured(path)) return fallback;
  return value;
}

/** A bool setting ("true" and "false" strings count, as in Terraform). */
export function boolSetting(
  instance: ResourceInstance,
  path: Path,
  fallback: boolean,
): Value {
  const value = setting(instance, path, fallback);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/**
 * The blocks (or list) at a top-level key: [] when absent, or unknown but
 * not configured (a plan's computed blocks the configuration leaves out).
 */
export function blocksAt(
  instance: ResourceInstance,
  key: string,
): Value[] | Unknown {
  const value = instance.values[key];
  if (value instanceof Unknown && !instance.configured([key])) return [];
  return listAt(value);
}

/** A list, or [] when absent. */
export function listAt(value: Value | undefined): Value[] | Unknown {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) return value;
  return [];
}

/** Computed values as their placeholder text; other values unchanged. */
export function placeholderIfComputed(value: Value): Value {
  if (value instanceof Unknown && value.computed !== undefined) {
    return typeof value.partial === 'string'
      ? value.partial
      : computedPlaceholder(value.computed);
  }
  return value;
}

/**
 * A list of strings for a normalised attribute: one string becomes a
 * list, computed elements become placeholders, unknown ones stay unknown.
 */
export function stringList(value: Value | undefined): Value {
  if (value === undefined || value === null) return [];
  if (value instanceof Unknown) {
    return value.computed !== undefined
      ? [placeholderIfComputed(value)]
      : value;
  }
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter(item => item !== null)
    .map(item =>
      item instanceof Unknown || typeof item === 'string'
        ? placeholderIfComputed(item)
        : String(item),
    );
}

/** The reference a value was read from, without the attribute: `aws_s3_bucket.logs`. */
export function referencedAddress(value: Value): string | undefined {
  if (!(value instanceof Unknown) || !value.reference) return undefined;
  return value.reference.replace(/\.[A-Za-z0-9_-]+$/, '');
}

/** Whether a reference (`aws_s3_bucket.logs`, `…logs[0]`) names the instance. */
export function refersTo(
  reference: string,
  instance: ResourceInstance,
): boolean {
  return reference === instance.address || reference === instance.base;
}
