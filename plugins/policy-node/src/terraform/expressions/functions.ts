import crypto from 'node:crypto';
import path from 'node:path';
import {
  findUnknown,
  isObject,
  onlyComputedUnknowns,
  Unknown,
  Value,
  ValueObject,
  withPlaceholders,
} from '../values/Unknown';
import { Expr } from './ast';
import { cidrHost, cidrNetmask, cidrSubnet } from './cidr';
import { parseTemplateString } from './parseExpression';
import {
  deepEqual,
  describeType,
  templateText,
  toBool,
  toNumber,
} from './conversions';
import { EvaluationError, Evaluated, Scope, toValue } from './scope';

type Fn = (args: Value[]) => Value;

const fail = (message: string): never => {
  throw new EvaluationError(message);
};

/** Unknown if any argument is unknown at its top level. */
const strict =
  (fn: Fn): Fn =>
  args => {
    const unknown = args.find(a => a instanceof Unknown) as Unknown | undefined;
    return unknown ? new Unknown(unknown.reason) : fn(args);
  };

/** Unknown if anything inside any argument is unknown. */
const deep =
  (fn: Fn): Fn =>
  args => {
    const unknown = findUnknown(args);
    return unknown ? new Unknown(unknown.reason) : fn(args);
  };

/**
 * String functions: with computed parts (another resource's ARN), the
 * result is computed too, its known text kept with placeholders.
 */
const text =
  (fn: Fn): Fn =>
  args => {
    const unknown = findUnknown(args);
    if (!unknown) return fn(args);
    if (!onlyComputedUnknowns(args)) {
      return new Unknown(
        findUnknown(
          args.map(a => (onlyComputedUnknowns(a) ? null : a)),
        )!.reason,
      );
    }
    const computed = findUnknown(args)!;
    let partial: Value | undefined;
    try {
      partial = fn(withPlaceholders(args) as Value[]);
    } catch {
      partial = undefined;
    }
    return new Unknown(computed.reason, {
      computed: computed.computed,
      partial: typeof partial === 'string' ? partial : undefined,
    });
  };

const str = (value: Value) => templateText(value);
const list = (value: Value, name: string): Value[] =>
  Array.isArray(value)
    ? value
    : fail(`${name}() expects a list, got ${describeType(value)}`);
const object = (value: Value, name: string): ValueObject =>
  isObject(value)
    ? value
    : fail(`${name}() expects a map, got ${describeType(value)}`);

function distinct(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const value of values) {
    if (!out.some(existing => deepEqual(existing, value))) out.push(value);
  }
  return out;
}

/** Go's fmt verbs as Terraform's format() uses them. */
function format(args: Value[]): string {
  const [spec, ...rest] = args;
  let next = 0;
  return str(spec).replace(
    /%(?:\[(\d+)\])?([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g,
    (_m, argIndex, flags: string, width: string, precision, verb) => {
      if (verb === '%') return '%';
      if (argIndex) next = Number(argIndex) - 1;
      if (next >= rest.length) fail('format(): not enough arguments');
      const value = rest[next++];
      let out: string;
      switch (verb) {
        case 'd':
          out = String(Math.trunc(toNumber(value)));
          break;
        case 'f':
          out = toNumber(value).toFixed(precision ? Number(precision) : 6);
          break;
        case 'q':
          out = JSON.stringify(str(value));
          break;
        case 't':
          out = String(toBool(value));
          break;
        case 'v':
        case 's':
          out =
            typeof value === 'object' && value !== null
              ? JSON.stringify(value)
              : str(value);
          break;
        default:
          out = fail(`format(): verb %${verb} is not supported`);
      }
      const size = Number(width || 0);
      if (out.length >= size) return out;
      return flags.includes('-')
        ? out.padEnd(size)
        : out.padStart(size, flags.includes('0') ? '0' : ' ');
    },
  );
}

/** Terraform's replace(): a /regex/ or a plain substring. */
function replace(args: Value[]): string {
  const [subject, search, replacement] = args.map(str);
  const regex = /^\/(.*)\/$/s.exec(search);
  if (regex) {
    return subject.replace(
      new RegExp(regex[1], 'g'),
      replacement.replace(/\$\{(\w+)\}/g, '$<$1>'),
    );
  }
  return subject.split(search).join(replacement);
}

function flatten(values: Value[]): Value[] {
  return values.flatMap(v => (Array.isArray(v) ? flatten(v) : [v]));
}

function range(args: Value[]): Value[] {
  const numbers = args.map(toNumber);
  const [start, end, step] =
    numbers.length === 1
      ? [0, numbers[0], 1]
      : [
          numbers[0],
          numbers[1],
          numbers[2] ?? (numbers[1] >= numbers[0] ? 1 : -1),
        ];
  const out: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) {
    out.push(i);
    if (out.length > 1024) fail('range(): more than 1024 elements');
  }
  return out;
}

const notScanned = (name: string) => (args: Value[]) =>
  new Unknown(
    `${name}(${
      typeof args[0] === 'string' ? JSON.stringify(args[0]) : ''
    }) reads a file that was not scanned with the module`,
  );

const onlyAtApply = (name: string) => () =>
  new Unknown(`${name}() is only known when Terraform applies`);

const FUNCTIONS: Record<string, Fn> = {
  // strings
  format: text(format),
  formatlist: deep(args => {
    const lengths = args
      .slice(1)
      .filter(Array.isArray)
      .map(a => (a as Value[]).length);
    const count = lengths.length ? Math.min(...lengths) : 1;
    return Array.from({ length: count }, (_, i) =>
      format(args.map((a, j) => (j > 0 && Array.isArray(a) ? a[i] : a))),
    );
  }),
  join: text(([sep, ...lists]) =>
    lists
      .flatMap(l => list(l, 'join'))
      .map(str)
      .join(str(sep)),
  ),
  lower: text(([s]) => str(s).toLowerCase()),
  upper: text(([s]) => str(s).toUpperCase()),
  title: text(([s]) => str(s).replace(/\b\w/g, c => c.toUpperCase())),
  trimspace: text(([s]) => str(s).trim()),
  chomp: text(([s]) => str(s).replace(/(?:\r?\n)+$/, '')),
  trim: text(([s, chars]) => {
    const set = new Set(str(chars));
    let value = str(s);
    while (value && set.has(value[0])) value = value.slice(1);
    while (value && set.has(value[value.length - 1]))
      value = value.slice(0, -1);
    return value;
  }),
  trimprefix: text(([s, p]) =>
    str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s),
  ),
  trimsuffix: text(([s, p]) =>
    str(s).endsWith(str(p)) && str(p)
      ? str(s).slice(0, -str(p).length)
      : str(s),
  ),
  replace: text(replace),
  substr: strict(([s, offset, length]) => {
    const chars = [...str(s)];
    let start = toNumber(offset);
    if (start < 0) start += chars.length;
    const n = toNumber(length);
    return chars.slice(start, n < 0 ? undefined : start + n).join('');
  }),
  indent: text(([n, s]) =>
    str(s).replace(/\n/g, `\n${' '.repeat(toNumber(n))}`),
  ),
  split: strict(([sep, s]) => str(s).split(str(sep))),
  startswith: strict(([s, p]) => str(s).startsWith(str(p))),
  endswith: strict(([s, p]) => str(s).endsWith(str(p))),
  strcontains: strict(([s, p]) => str(s).includes(str(p))),
  strrev: strict(([s]) => [...str(s)].reverse().join('')),
  regex: strict(([pattern, s]) => {
    const match = new RegExp(str(pattern)).exec(str(s));
    if (!match) return fail('regex(): no match');
    if (match.groups) return { ...match.groups };
    return match.length > 1 ? match.slice(1) : match[0];
  }),
  regexall: strict(([pattern, s]) =>
    [...str(s).matchAll(new RegExp(str(pattern), 'g'))].map(m =>
      m.length > 1 ? m.slice(1) : m[0],
    ),
  ),
  // collections
  concat: strict(args => args.flatMap(a => list(a, 'concat'))),
  merge: strict(args => {
    const out: ValueObject = {};
    for (const arg of args) {
      if (arg !== null) Object.assign(out, object(arg, 'merge'));
    }
    return out;
  }),
  flatten: strict(([l]) => flatten(list(l, 'flatten'))),
  distinct: deep(([l]) => distinct(list(l, 'distinct'))),
  compact: deep(([l]) =>
    list(l, 'compact').filter(v => v !== null && v !== ''),
  ),
  contains: deep(([l, v]) => list(l, 'contains').some(x => deepEqual(x, v))),
  index: deep(([l, v]) => {
    const i = list(l, 'index').findIndex(x => deepEqual(x, v));
    return i < 0 ? fail('index(): the value is not in the list') : i;
  }),
  element: strict(([l, i]) => {
    const items = list(l, 'element');
    if (!items.length) fail('element(): empty list');
    return items[toNumber(i) % items.length];
  }),
  keys: strict(([m]) => Object.keys(object(m, 'keys')).sort()),
  values: strict(([m]) => {
    const map = object(m, 'values');
    return Object.keys(map)
      .sort()
      .map(k => map[k]);
  }),
  lookup: strict(args => {
    const map = object(args[0], 'lookup');
    const key = str(args[1]);
    if (Object.prototype.hasOwnProperty.call(map, key)) return map[key];
    return args.length > 2
      ? args[2]
      : fail(`lookup(): no key ${JSON.stringify(key)}`);
  }),
  length: strict(([v]) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    return Object.keys(object(v, 'length')).length;
  }),
  coalesce: args => {
    for (const arg of args) {
      if (arg instanceof Unknown) return new Unknown(arg.reason);
      if (arg !== null && arg !== '') return arg;
    }
    return fail('coalesce(): no non-null, non-empty argument');
  },
  coalescelist: args => {
    for (const arg of args) {
      if (arg instanceof Unknown) return new Unknown(arg.reason);
      if (list(arg, 'coalescelist').length) return arg;
    }
    return fail('coalescelist(): all lists are empty');
  },
  zipmap: strict(([k, v]) => {
    const out: ValueObject = {};
    const values = list(v, 'zipmap');
    list(k, 'zipmap').forEach((key, i) => {
      if (key instanceof Unknown) fail('zipmap(): a key is unknown');
      out[str(key)] = values[i];
    });
    return out;
  }),
  slice: strict(([l, s, e]) =>
    list(l, 'slice').slice(toNumber(s), toNumber(e)),
  ),
  range: strict(range),
  reverse: strict(([l]) => [...list(l, 'reverse')].reverse()),
  sort: deep(([l]) => list(l, 'sort').map(str).sort()),
  one: strict(([l]) => {
    const items = list(l, 'one');
    if (items.length > 1) fail('one(): more than one element');
    return items.length ? items[0] : null;
  }),
  setunion: deep(args => distinct(args.flatMap(a => list(a, 'setunion')))),
  setintersection: deep(([first, ...rest]) =>
    distinct(list(first, 'setintersection')).filter(v =>
      rest.every(r => list(r, 'setintersection').some(x => deepEqual(x, v))),
    ),
  ),
  setsubtract: deep(([a, b]) =>
    distinct(list(a, 'setsubtract')).filter(
      v => !list(b, 'setsubtract').some(x => deepEqual(x, v)),
    ),
  ),
  alltrue: deep(([l]) => list(l, 'alltrue').every(toBool)),
  anytrue: deep(([l]) => list(l, 'anytrue').some(toBool)),
  // numbers
  sum: deep(([l]) =>
    list(l, 'sum').reduce<number>((a, b) => a + toNumber(b), 0),
  ),
  min: strict(args => Math.min(...args.map(toNumber))),
  max: strict(args => Math.max(...args.map(toNumber))),
  abs: strict(([n]) => Math.abs(toNumber(n))),
  ceil: strict(([n]) => Math.ceil(toNumber(n))),
  floor: strict(([n]) => Math.floor(toNumber(n))),
  signum: strict(([n]) => Math.sign(toNumber(n))),
  pow: strict(([a, b]) => toNumber(a) ** toNumber(b)),
  parseint: strict(([s, base]) => {
    const n = parseInt(str(s), toNumber(base));
    return Number.isNaN(n) ? fail('parseint(): not a number') : n;
  }),
  // conversions
  tostring: strict(([v]) => (v === null ? null : str(v))),
  tonumber: strict(([v]) => (v === null ? null : toNumber(v))),
  tobool: strict(([v]) => (v === null ? null : toBool(v))),
  tolist: strict(([v]) => (v === null ? null : list(v, 'tolist'))),
  toset: args =>
    findUnknown(args)
      ? strict(([v]) => v)(args)
      : distinct(list(args[0], 'toset')),
  tomap: strict(([v]) => (v === null ? null : object(v, 'tomap'))),
  sensitive: ([v]) => v,
  nonsensitive: ([v]) => v,
  // encodings
  jsonencode: ([v]) => {
    const unknown = findUnknown(v);
    if (!unknown) return JSON.stringify(v);
    // The structure is kept, so that a policy built with jsonencode can
    // still be read where its known parts decide.
    return new Unknown(unknown.reason, { partial: v });
  },
  jsondecode: strict(([s]) => {
    try {
      return JSON.parse(str(s)) as Value;
    } catch (error) {
      return fail(`jsondecode(): ${(error as Error).message}`);
    }
  }),
  base64encode: strict(([s]) => Buffer.from(str(s)).toString('base64')),
  base64decode: strict(([s]) => Buffer.from(str(s), 'base64').toString('utf8')),
  md5: strict(([s]) => crypto.createHash('md5').update(str(s)).digest('hex')),
  sha1: strict(([s]) => crypto.createHash('sha1').update(str(s)).digest('hex')),
  sha256: strict(([s]) =>
    crypto.createHash('sha256').update(str(s)).digest('hex'),
  ),
  // networks
  cidrsubnet: strict(([p, bits, num]) =>
    cidrSubnet(str(p), toNumber(bits), toNumber(num)),
  ),
  cidrhost: strict(([p, num]) => cidrHost(str(p), toNumber(num))),
  cidrnetmask: strict(([p]) => cidrNetmask(str(p))),
  // paths
  basename: strict(([s]) => path.posix.basename(str(s))),
  dirname: strict(([s]) => path.posix.dirname(str(s))),
  // what cannot be known here
  filebase64: notScanned('filebase64'),
  fileset: notScanned('fileset'),
  timestamp: onlyAtApply('timestamp'),
  uuid: onlyAtApply('uuid'),
  bcrypt: onlyAtApply('bcrypt'),
};

type Evaluate = (expr: Expr, scope: Scope) => Evaluated;

/**
 * file(), fileexists() and templatefile(): read from the module's other
 * files when the scanner gives them (a policy.json beside main.tf),
 * unknown otherwise.
 */
function fileFunction(
  name: string,
  args: Value[],
  scope: Scope,
  evaluate: Evaluate,
): Value {
  const [target, vars] = args;
  if (target instanceof Unknown) return new Unknown(target.reason);
  if (typeof target !== 'string') {
    return fail(`${name}() expects a path, got ${describeType(target)}`);
  }
  const content = scope.readFile?.(target);
  if (name === 'fileexists') {
    return content !== undefined ? true : notScanned(name)(args);
  }
  if (content === undefined) return notScanned(name)(args);
  if (name === 'file') return content;
  if (vars instanceof Unknown) return new Unknown(vars.reason);
  const names = isObject(vars) ? vars : {};
  // A template sees only its variables (and functions), as in Terraform.
  const templateScope: Scope = {
    lookup: key => {
      if (Object.prototype.hasOwnProperty.call(names, key)) return names[key];
      throw new EvaluationError(
        `${key} is not a variable of the template ${target}`,
      );
    },
  };
  return toValue(evaluate(parseTemplateString(content), templateScope));
}

/** A function call; functions not evaluated here give an unknown value. */
export function callFunction(
  expr: Extract<Expr, { kind: 'call' }>,
  scope: Scope,
  evaluate: Evaluate,
): Value {
  if (expr.name === 'try' || expr.name === 'can') {
    for (const arg of expr.args) {
      try {
        const value = toValue(evaluate(arg, scope));
        if (expr.name === 'can') {
          return value instanceof Unknown ? new Unknown(value.reason) : true;
        }
        return value;
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        if (expr.name === 'can') return false;
      }
    }
    return fail('try(): no argument could be evaluated');
  }
  const isFile = ['file', 'fileexists', 'templatefile'].includes(expr.name);
  const fn = FUNCTIONS[expr.name];
  if (!fn && !isFile) {
    return new Unknown(`${expr.name}() is not evaluated here`);
  }
  let args = expr.args.map(arg => toValue(evaluate(arg, scope)));
  if (expr.expandFinal && args.length) {
    const last = args[args.length - 1];
    if (last instanceof Unknown) return new Unknown(last.reason);
    args = [...args.slice(0, -1), ...list(last, expr.name)];
  }
  return isFile ? fileFunction(expr.name, args, scope, evaluate) : fn(args);
}
