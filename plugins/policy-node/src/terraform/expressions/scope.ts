import { Value } from '../values/Unknown';

/**
 * A configuration error Terraform itself would report (an attribute a
 * value does not have, an index out of range, a variable never declared).
 * `try()` and `can()` catch it; an attribute whose expression throws it
 * becomes unknown, with the message as the reason.
 */
export class EvaluationError extends Error {}

/**
 * An object whose attributes are worked out when read: a resource's
 * attributes, the locals, a data source. Evaluating only what is read
 * keeps unrelated cycles and unknowns out.
 */
export abstract class LazyObject {
  abstract get(key: string): Evaluated;
  /** All of it, as a plain value (when passed whole to a function). */
  abstract toValue(): Value;
  /** What `[*]` goes over: the instances of a resource with count. */
  splatItems(): Evaluated[] {
    return [this];
  }
}

export type Evaluated = Value | LazyObject;

/** Root names: `var`, `local`, `aws_s3_bucket`, a for expression's variables. */
export interface Scope {
  /** Throws {@link EvaluationError} for a name that is not declared. */
  lookup(name: string): Evaluated;
  /**
   * The text of a file of the module (for `file()`, `templatefile()`),
   * by its path as the configuration gives it; undefined when not given.
   */
  readFile?(path: string): string | undefined;
}

/** A scope with more names (for expression and dynamic block variables). */
export function childScope(
  parent: Scope,
  names: Record<string, Evaluated>,
): Scope {
  return {
    lookup: name =>
      Object.prototype.hasOwnProperty.call(names, name)
        ? names[name]
        : parent.lookup(name),
    readFile: parent.readFile && (file => parent.readFile!(file)),
  };
}

export const toValue = (value: Evaluated): Value =>
  value instanceof LazyObject ? value.toValue() : value;
