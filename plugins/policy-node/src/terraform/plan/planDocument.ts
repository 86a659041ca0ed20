import { Unknown, Value, ValueObject } from '../values/Unknown';

/** The parts of `terraform show -json` output read here. */
export interface PlanResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  index?: string | number;
  values?: Record<string, unknown>;
}

interface PlanModule {
  address?: string;
  resources?: PlanResource[];
  child_modules?: PlanModule[];
}

interface ConfigModule {
  resources?: Array<{
    address: string;
    expressions?: Record<string, unknown>;
  }>;
  module_calls?: Record<string, { module?: ConfigModule }>;
}

export interface ResourceChange {
  address: string;
  mode?: string;
  change?: { after?: unknown; after_unknown?: unknown };
}

export interface PlanJson {
  planned_values?: { root_module?: PlanModule };
  resource_changes?: ResourceChange[];
  configuration?: { root_module?: ConfigModule };
}

/** Every resource of the planned values, child modules included. */
export function plannedResources(plan: PlanJson): PlanResource[] {
  const out: PlanResource[] = [];
  const walk = (module: PlanModule | undefined) => {
    if (!module) return;
    for (const resource of module.resources ?? []) out.push(resource);
    for (const child of module.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values?.root_module);
  return out;
}

/**
 * The configuration's expressions of each resource, by its address
 * without instance keys (`module.x.aws_s3_bucket.b`).
 */
export function configurationIndex(
  plan: PlanJson,
): Map<string, Record<string, unknown>> {
  const index = new Map<string, Record<string, unknown>>();
  const walk = (module: ConfigModule | undefined, prefix: string) => {
    if (!module) return;
    for (const resource of module.resources ?? []) {
      index.set(`${prefix}${resource.address}`, resource.expressions ?? {});
    }
    for (const [name, call] of Object.entries(module.module_calls ?? {})) {
      walk(call.module, `${prefix}module.${name}.`);
    }
  };
  walk(plan.configuration?.root_module, '');
  return index;
}

/** `module.a["x"].module.b[0].aws_s3_bucket.c[1]` → `module.a.module.b.aws_s3_bucket.c`. */
export function withoutKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/** The module part of an address, with a trailing dot (`module.a["x"].`). */
export function modulePrefix(address: string, type: string, name: string) {
  const at = address.lastIndexOf(`${type}.${name}`);
  return at > 0 ? address.slice(0, at) : '';
}

/**
 * Planned values with Unknowns where `after_unknown` marks them (the
 * planned values leave those out). All of them are computed: a plan knows
 * every variable.
 */
export function withUnknowns(
  value: unknown,
  unknown: unknown,
  path: string,
): Value {
  if (unknown === true) {
    return new Unknown(`${path} is only known after apply`, { computed: path });
  }
  if (Array.isArray(unknown) && unknown.length > 0) {
    const list = Array.isArray(value) ? value : [];
    const length = Math.max(list.length, unknown.length);
    const out: Value[] = new Array(length);
    for (let i = 0; i < length; i++) {
      out[i] = withUnknowns(list[i] ?? null, unknown[i], `${path}[${i}]`);
    }
    return out;
  }
  if (
    unknown !== null &&
    typeof unknown === 'object' &&
    !Array.isArray(unknown) &&
    Object.keys(unknown).length > 0
  ) {
    const object =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
    const out: ValueObject = {};
    for (const key of Object.keys(object)) {
      out[key] = withUnknowns(
        object[key],
        (unknown as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    for (const key of Object.keys(unknown)) {
      if (!(key in out)) {
        out[key] = withUnknowns(
          undefined,
          (unknown as Record<string, unknown>)[key],
          `${path}.${key}`,
        );
      }
    }
    return out;
  }
  return (value === undefined ? null : value) as Value;
}
