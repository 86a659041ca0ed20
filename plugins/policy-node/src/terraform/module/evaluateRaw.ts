import { evaluate } from '../expressions/evaluate';
import {
  ExpressionSyntaxError,
  parseTemplateString,
} from '../expressions/parseExpression';
import {
  childScope,
  EvaluationError,
  Scope,
  toValue,
} from '../expressions/scope';
import { entries } from '../expressions/conversions';
import { Unknown, Value, ValueObject } from '../values/Unknown';

/** Meta-arguments of a resource block: not attributes of the resource. */
const META = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shorten = (text: string) =>
  text.length > 80 ? `${text.slice(0, 77)}...` : text;

/**
 * One expression as hcl2json gives it (a `${…}` template string, or a
 * literal), evaluated. What cannot be evaluated (a configuration error, an
 * expression this parser does not read) becomes an Unknown saying why.
 */
export function evaluateString(text: string, scope: Scope): Value {
  try {
    return toValue(evaluate(parseTemplateString(text), scope));
  } catch (error) {
    if (error instanceof EvaluationError) {
      return new Unknown(`${error.message} (in ${shorten(text)})`);
    }
    if (error instanceof ExpressionSyntaxError) {
      return new Unknown(`expression not understood: ${error.message}`);
    }
    throw error;
  }
}

/** Any hcl2json value (attribute, list, map) with its expressions evaluated. */
export function evaluateRaw(raw: unknown, scope: Scope): Value {
  if (typeof raw === 'string') return evaluateString(raw, scope);
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') {
    return raw;
  }
  if (Array.isArray(raw)) {
    return raw.map(item =>
      isPlainObject(item)
        ? evaluateBody(item, scope)
        : evaluateRaw(item, scope),
    );
  }
  if (isPlainObject(raw)) {
    // An attribute's map; keys may be expressions (`(var.key) = …`).
    const result: ValueObject = {};
    for (const [key, value] of Object.entries(raw)) {
      const name = key.includes('${') ? evaluateString(key, scope) : key;
      if (name instanceof Unknown) {
        return new Unknown(`a map key is unknown: ${name.reason}`);
      }
      result[String(name)] = evaluateRaw(value, scope);
    }
    return result;
  }
  return null;
}

/** `iterator = rule` is given as "${rule}". */
const iteratorName = (raw: unknown, label: string) =>
  typeof raw === 'string' ? raw.replace(/^\$\{\s*|\s*\}$/g, '') : label;

/** `dynamic "<label>"` blocks, expanded over their for_each. */
function expandDynamic(label: string, specs: unknown, scope: Scope): Value {
  const blocks: Value[] = [];
  for (const spec of Array.isArray(specs) ? specs : [specs]) {
    if (!isPlainObject(spec)) continue;
    const forEach = evaluateRaw(spec.for_each, scope);
    if (forEach instanceof Unknown) {
      return new Unknown(
        `the dynamic "${label}" blocks depend on an unknown for_each: ${forEach.reason}`,
      );
    }
    if (forEach === null) continue;
    const name = iteratorName(spec.iterator, label);
    const content = Array.isArray(spec.content)
      ? spec.content[0]
      : spec.content;
    let pairs: Array<[Value, Value]>;
    try {
      pairs = entries(forEach);
    } catch (error) {
      return new Unknown(`dynamic "${label}": ${(error as Error).message}`);
    }
    for (const [key, value] of pairs) {
      // A set's elements are their own keys.
      const iterKey = Array.isArray(forEach) ? value : key;
      const inner = childScope(scope, { [name]: { key: iterKey, value } });
      blocks.push(isPlainObject(content) ? evaluateBody(content, inner) : {});
    }
  }
  return blocks;
}

/**
 * A block's body: attributes evaluated, nested blocks as lists of bodies,
 * `dynamic` blocks expanded. With `resource`, meta-arguments are left out.
 */
export function evaluateBody(
  body: Record<string, unknown>,
  scope: Scope,
  options: { resource?: boolean } = {},
): ValueObject {
  const result: ValueObject = {};
  for (const [key, raw] of Object.entries(body)) {
    if (options.resource && META.has(key)) continue;
    if (key === 'dynamic' && isPlainObject(raw)) {
      for (const [label, specs] of Object.entries(raw)) {
        const expanded = expandDynamic(label, specs, scope);
        const existing = result[label];
        if (expanded instanceof Unknown || existing instanceof Unknown) {
          result[label] = expanded instanceof Unknown ? expanded : existing;
        } else {
          result[label] = [
            ...(Array.isArray(existing) ? existing : []),
            ...(expanded as Value[]),
          ];
        }
      }
      continue;
    }
    const value = evaluateRaw(raw, scope);
    const existing = result[key];
    if (existing instanceof Unknown) continue; // unknown dynamic blocks of this name
    result[key] =
      Array.isArray(existing) && Array.isArray(value)
        ? [...value, ...existing]
        : value;
  }
  return result;
}
