import {
  computedPlaceholder,
  isObject,
  Unknown,
  Value,
  ValueObject,
} from '../values/Unknown';
import { BinaryOperator, Expr, TemplatePart } from './ast';
import {
  deepEqual,
  describeType,
  entries,
  templateText,
  toBool,
  toNumber,
} from './conversions';
import { callFunction } from './functions';
import {
  childScope,
  EvaluationError,
  Evaluated,
  LazyObject,
  Scope,
  toValue,
} from './scope';

/**
 * The Unknown standing for a value built from `parts`: if every unknown
 * part is computed, a computed Unknown whose partial text has
 * placeholders in place of the computed parts.
 */
function unknownTemplate(parts: Array<string | Unknown>): Unknown {
  const unknowns = parts.filter((p): p is Unknown => p instanceof Unknown);
  const first = unknowns[0];
  if (unknowns.every(u => u.computed !== undefined)) {
    return new Unknown(first.reason, {
      computed: first.computed,
      partial: parts
        .map(part => {
          if (!(part instanceof Unknown)) return part;
          return typeof part.partial === 'string'
            ? part.partial
            : computedPlaceholder(part.computed!);
        })
        .join(''),
    });
  }
  return new Unknown(unknowns.find(u => u.computed === undefined)!.reason);
}

function evaluateTemplate(parts: TemplatePart[], scope: Scope): Value {
  const out: Array<string | Unknown> = [];
  const run = (items: TemplatePart[], inner: Scope) => {
    for (const part of items) {
      if (part.kind === 'text') {
        out.push(part.text);
      } else if (part.kind === 'interpolation') {
        const value = toValue(evaluate(part.expr, inner));
        out.push(value instanceof Unknown ? value : templateText(value));
      } else if (part.kind === 'if') {
        const condition = toValue(evaluate(part.condition, inner));
        if (condition instanceof Unknown) {
          out.push(new Unknown(condition.reason));
        } else {
          run(toBool(condition) ? part.then : part.else, inner);
        }
      } else {
        const collection = toValue(evaluate(part.collection, inner));
        if (collection instanceof Unknown) {
          out.push(new Unknown(collection.reason));
          continue;
        }
        for (const [key, value] of entries(collection)) {
          const names: Record<string, Evaluated> = { [part.valueVar]: value };
          if (part.keyVar) names[part.keyVar] = key;
          run(part.body, childScope(inner, names));
        }
      }
    }
  };
  run(parts, scope);
  if (out.some(part => part instanceof Unknown)) return unknownTemplate(out);
  return out.join('');
}

/** `object.name`: an attribute of an object, resource or unknown value. */
export function getAttribute(object: Evaluated, name: string): Evaluated {
  if (object instanceof LazyObject) return object.get(name);
  if (object instanceof Unknown) {
    return new Unknown(object.reason, {
      computed: object.computed ? `${object.computed}.${name}` : undefined,
    });
  }
  if (isObject(object)) {
    if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
    throw new EvaluationError(`the object has no attribute ${name}`);
  }
  throw new EvaluationError(
    `${describeType(object)} has no attribute ${name}${
      Array.isArray(object)
        ? ' (a resource with count or for_each needs an index or [*])'
        : ''
    }`,
  );
}

function index(object: Evaluated, key: Value): Evaluated {
  if (key instanceof Unknown) return new Unknown(key.reason);
  if (object instanceof Unknown) {
    return new Unknown(object.reason, {
      computed: object.computed
        ? `${object.computed}[${JSON.stringify(key)}]`
        : undefined,
    });
  }
  if (object instanceof LazyObject) return object.get(templateText(key));
  if (Array.isArray(object)) {
    const i = toNumber(key);
    if (!Number.isInteger(i) || i < 0 || i >= object.length) {
      throw new EvaluationError(
        `index ${i} is out of range for a list of ${object.length}`,
      );
    }
    return object[i];
  }
  if (isObject(object)) {
    const name = templateText(key);
    if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
    throw new EvaluationError(`the map has no element ${JSON.stringify(name)}`);
  }
  throw new EvaluationError(`cannot index ${describeType(object)}`);
}

function binary(op: BinaryOperator, left: Value, right: Value): Value {
  if (op === '&&' || op === '||') {
    // Known false (for &&) or true (for ||) decides, as in Terraform.
    const decisive = op === '||';
    for (const side of [left, right]) {
      if (!(side instanceof Unknown) && toBool(side) === decisive) {
        return decisive;
      }
    }
    const unknown = [left, right].find(s => s instanceof Unknown);
    if (unknown) return new Unknown((unknown as Unknown).reason);
    return !decisive;
  }
  const unknown = [left, right].find(s => s instanceof Unknown) as
    | Unknown
    | undefined;
  if (unknown) return new Unknown(unknown.reason);
  switch (op) {
    case '==':
      return deepEqual(left, right);
    case '!=':
      return !deepEqual(left, right);
    case '<':
      return toNumber(left) < toNumber(right);
    case '>':
      return toNumber(left) > toNumber(right);
    case '<=':
      return toNumber(left) <= toNumber(right);
    case '>=':
      return toNumber(left) >= toNumber(right);
    case '+':
      return toNumber(left) + toNumber(right);
    case '-':
      return toNumber(left) - toNumber(right);
    case '*':
      return toNumber(left) * toNumber(right);
    case '/':
      return toNumber(left) / toNumber(right);
    default:
      return toNumber(left) % toNumber(right);
  }
}

function evaluateFor(
  expr: Extract<Expr, { kind: 'for' }>,
  scope: Scope,
): Value {
  const collection = toValue(evaluate(expr.collection, scope));
  if (collection instanceof Unknown) return new Unknown(collection.reason);
  if (collection === null) {
    throw new EvaluationError('cannot iterate over null');
  }
  const list: Value[] = [];
  const object: ValueObject = {};
  const groups: Record<string, Value[]> = {};
  for (const [key, value] of entries(collection)) {
    const names: Record<string, Evaluated> = { [expr.valueVar]: value };
    if (expr.keyVar) names[expr.keyVar] = key;
    const inner = childScope(scope, names);
    if (expr.condition) {
      const keep = toValue(evaluate(expr.condition, inner));
      if (keep instanceof Unknown) return new Unknown(keep.reason);
      if (!toBool(keep)) continue;
    }
    const item = toValue(evaluate(expr.valueExpr, inner));
    if (!expr.keyExpr) {
      list.push(item);
      continue;
    }
    const itemKey = toValue(evaluate(expr.keyExpr, inner));
    if (itemKey instanceof Unknown) return new Unknown(itemKey.reason);
    const name = templateText(itemKey);
    if (expr.group) {
      (groups[name] ??= []).push(item);
    } else {
      if (name in object) {
        throw new EvaluationError(
          `duplicate key ${JSON.stringify(
            name,
          )} in a for expression (add ... to group)`,
        );
      }
      object[name] = item;
    }
  }
  if (!expr.keyExpr) return list;
  return expr.group ? groups : object;
}

/**
 * The value of an expression. Values that cannot be known come back as
 * {@link Unknown}; configuration errors throw {@link EvaluationError}.
 */
export function evaluate(expr: Expr, scope: Scope): Evaluated {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return evaluateTemplate(expr.parts, scope);
    case 'variable':
      return scope.lookup(expr.name);
    case 'getAttr':
      return getAttribute(evaluate(expr.object, scope), expr.name);
    case 'index':
      return index(
        evaluate(expr.object, scope),
        toValue(evaluate(expr.key, scope)),
      );
    case 'splatItem':
      return scope.lookup('\0splat');
    case 'splat': {
      const source = evaluate(expr.source, scope);
      if (source instanceof Unknown) return new Unknown(source.reason);
      if (source === null) return [];
      let items: Evaluated[];
      if (source instanceof LazyObject) items = source.splatItems();
      else items = Array.isArray(source) ? source : [source];
      return items.map(item =>
        toValue(evaluate(expr.each, childScope(scope, { '\0splat': item }))),
      );
    }
    case 'call':
      return callFunction(expr, scope, evaluate);
    case 'tuple':
      return expr.items.map(item => toValue(evaluate(item, scope)));
    case 'object': {
      const result: ValueObject = {};
      for (const item of expr.items) {
        const key = toValue(evaluate(item.key, scope));
        if (key instanceof Unknown) {
          return new Unknown(`an object key is unknown: ${key.reason}`);
        }
        result[templateText(key)] = toValue(evaluate(item.value, scope));
      }
      return result;
    }
    case 'for':
      return evaluateFor(expr, scope);
    case 'unary': {
      const operand = toValue(evaluate(expr.operand, scope));
      if (operand instanceof Unknown) return new Unknown(operand.reason);
      return expr.op === '!' ? !toBool(operand) : -toNumber(operand);
    }
    case 'binary':
      return binary(
        expr.op,
        toValue(evaluate(expr.left, scope)),
        toValue(evaluate(expr.right, scope)),
      );
    case 'conditional': {
      const condition = toValue(evaluate(expr.condition, scope));
      if (condition instanceof Unknown) {
        return new Unknown(`the condition is unknown: ${condition.reason}`);
      }
      return evaluate(
        toBool(condition) ? expr.whenTrue : expr.whenFalse,
        scope,
      );
    }
    default:
      throw new EvaluationError('unsupported expression');
  }
}
