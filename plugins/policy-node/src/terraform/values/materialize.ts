import { PolicyResource } from '../../resources/types';
import { isObject, Unknown, Value } from './Unknown';

type Unknowns = NonNullable<PolicyResource['unknowns']>;

/**
 * Plain JSON attributes from resolved values: each Unknown becomes `null`
 * and an entry in `unknowns` under its dot-separated path.
 */
export function materialize(values: Record<string, Value>): {
  attributes: Record<string, unknown>;
  unknowns: Unknowns;
} {
  const unknowns: Unknowns = [];
  const write = (value: Value, path: string): unknown => {
    if (value instanceof Unknown) {
      unknowns.push({ path, reason: value.reason });
      return null;
    }
    if (Array.isArray(value)) {
      return value.map((item, index) => write(item, `${path}.${index}`));
    }
    if (isObject(value)) {
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        result[key] = write(value[key], `${path}.${key}`);
      }
      return result;
    }
    return value;
  };
  const attributes: Record<string, unknown> = {};
  for (const key of Object.keys(values)) {
    attributes[key] = write(values[key], key);
  }
  return { attributes, unknowns };
}
