/**
 * A value that cannot be known before apply (or that this reader does not
 * work out): a variable with no default and no .tfvars value, another
 * resource's computed attribute, a function not evaluated. It travels
 * through evaluation in place of the value and becomes `null` plus an
 * `unknowns` entry when the attributes are written out.
 */
export class Unknown {
  constructor(
    /** Why, for the finding: `var.db_encrypted has no default and no .tfvars value`. */
    readonly reason: string,
    readonly options: {
      /**
       * Set when the value is an attribute of a resource or data source
       * that AWS fills in (`aws_s3_bucket.logs.arn`), or a string built
       * from such attributes: whatever it turns out to be, it is that
       * object's identifier, never a wildcard or an open CIDR someone wrote.
       */
      computed?: string;
      /**
       * What is known of it: a string with computed parts replaced by
       * {@link computedPlaceholder}s, or a structure with Unknowns inside
       * (a `jsonencode` of a partly known policy).
       */
      partial?: Value;
      /**
       * The resource attribute it was read from (`aws_s3_bucket.logs.id`),
       * known or not: how a bucket's companion resources find their bucket.
       */
      reference?: string;
    } = {},
  ) {}

  get computed(): string | undefined {
    return this.options.computed;
  }

  get partial(): Value | undefined {
    return this.options.partial;
  }

  get reference(): string | undefined {
    return this.options.reference ?? this.options.computed;
  }
}

/** A resolved HCL or plan value; Unknowns may sit anywhere inside. */
export type Value =
  | null
  | boolean
  | number
  | string
  | Value[]
  | { [key: string]: Value }
  | Unknown;

export type ValueObject = { [key: string]: Value };

export const isUnknown = (value: unknown): value is Unknown =>
  value instanceof Unknown;

export const isObject = (value: unknown): value is ValueObject =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Unknown);

/**
 * The text standing in for a computed value in a normalised attribute
 * (`(known after apply: aws_s3_bucket.logs.arn)`): rules may compare it
 * with `*` or `0.0.0.0/0` and it will never match.
 */
export const computedPlaceholder = (reference: string) =>
  `(known after apply: ${reference})`;

/** The first Unknown inside a value (depth first), if any. */
export function findUnknown(value: Value): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnknown(item);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const found = findUnknown(value[key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether every Unknown inside a value is a computed attribute. */
export function onlyComputedUnknowns(value: Value): boolean {
  if (value instanceof Unknown) return value.computed !== undefined;
  if (Array.isArray(value)) return value.every(onlyComputedUnknowns);
  if (isObject(value)) return Object.values(value).every(onlyComputedUnknowns);
  return true;
}

/**
 * The value with each computed Unknown replaced by its placeholder text
 * (`undefined` when some Unknown is not computed: then nothing is known
 * for sure).
 */
export function withPlaceholders(value: Value): Value | undefined {
  if (value instanceof Unknown) {
    if (value.computed === undefined) return undefined;
    return value.partial !== undefined && typeof value.partial === 'string'
      ? value.partial
      : computedPlaceholder(value.computed);
  }
  if (Array.isArray(value)) {
    const items: Value[] = [];
    for (const item of value) {
      const replaced = withPlaceholders(item);
      if (replaced === undefined) return undefined;
      items.push(replaced);
    }
    return items;
  }
  if (isObject(value)) {
    const result: ValueObject = {};
    for (const [key, item] of Object.entries(value)) {
      const replaced = withPlaceholders(item);
      if (replaced === undefined) return undefined;
      result[key] = replaced;
    }
    return result;
  }
  return value;
}
