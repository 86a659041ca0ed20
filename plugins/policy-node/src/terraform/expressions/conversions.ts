import { isObject, Value } from '../values/Unknown';
import { EvaluationError } from './scope';

export const describeType = (value: Value): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  return `a ${typeof value}`;
};

/** Text for a template: strings, numbers and bools; anything else is an error. */
export function templateText(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new EvaluationError(
    `cannot put ${describeType(value)} into a string template`,
  );
}

/** The key/value pairs of a list (index) or an object (key, in key order). */
export function entries(collection: Value): Array<[Value, Value]> {
  if (Array.isArray(collection)) {
    return collection.map((value, index) => [index, value]);
  }
  if (isObject(collection)) {
    return Object.keys(collection)
      .sort()
      .map(key => [key, collection[key]]);
  }
  throw new EvaluationError(`cannot iterate over ${describeType(collection)}`);
}

/** Terraform converts "true"/"false" to bools where a bool is expected. */
export function toBool(value: Value): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new EvaluationError(`expected a bool, got ${describeType(value)}`);
}

/** … and numeric strings to numbers. */
export function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    if (!Number.isNaN(number)) return number;
  }
  throw new EvaluationError(`expected a number, got ${describeType(value)}`);
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(key => key in b && deepEqual(a[key], b[key]))
    );
  }
  return false;
}
