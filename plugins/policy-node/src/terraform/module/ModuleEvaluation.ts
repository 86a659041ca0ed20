import path from 'node:path';
import {
  childScope,
  EvaluationError,
  Evaluated,
  LazyObject,
  Scope,
} from '../expressions/scope';
import { isObject, Unknown, Value } from '../values/Unknown';
import { BlockDeclaration, Declarations } from './declarations';
import { evaluateRaw } from './evaluateRaw';
import { Expansion, Instance, MAX_INSTANCES } from './Instance';
import {
  DataValue,
  InstancesValue,
  NamedValues,
  PolicyDocumentValue,
  ResourceValue,
} from './referenceValues';

const address = (block: BlockDeclaration) =>
  `${block.mode === 'data' ? 'data.' : ''}${block.type}.${block.name}`;

/**
 * The values of one module, worked out on demand as Terraform would:
 * variables (defaults, .tfvars), locals, resources' configured attributes,
 * data sources (`aws_iam_policy_document` rendered, others unknown).
 */
export class ModuleEvaluation implements Scope {
  private readonly locals = new Map<string, Value>();
  private readonly evaluatingLocals = new Set<string>();
  private readonly expansions = new Map<BlockDeclaration, Expansion>();
  private readonly providerTags = new Map<string, Value>();

  constructor(
    private readonly declarations: Declarations,
    private readonly variables: Record<string, Value>,
    /** The module's other files by path, and the module's directory. */
    private readonly files: {
      byPath: Map<string, string>;
      directory: string;
    } = {
      byPath: new Map(),
      directory: '.',
    },
  ) {}

  /** `file("${path.module}/policy.json")`: relative to the module's directory. */
  readFile(file: string): string | undefined {
    if (path.posix.isAbsolute(file)) return undefined;
    return this.files.byPath.get(
      path.posix.normalize(path.posix.join(this.files.directory, file)),
    );
  }

  lookup(name: string): Evaluated {
    switch (name) {
      case 'var':
        return new NamedValues('var', key => {
          if (key in this.variables) return this.variables[key];
          throw new EvaluationError(`var.${key} is not declared`);
        });
      case 'local':
        return new NamedValues('local', key => this.local(key));
      case 'data':
        return new NamedValues('data', type => {
          const ofType = this.declarations.blocks.data.get(type);
          if (!ofType) {
            throw new EvaluationError(`no data "${type}" block is declared`);
          }
          return new NamedValues(`data.${type}`, blockName =>
            this.reference(ofType.get(blockName), `data.${type}.${blockName}`),
          );
        });
      case 'path':
        return { module: '.', root: '.', cwd: '.' };
      case 'terraform':
        return { workspace: 'default' };
      case 'module':
        return new NamedValues(
          'module',
          key =>
            new Unknown(
              `module.${key} is another module's output, not evaluated with this one`,
            ),
        );
      case 'self':
        return new Unknown('self is only known when Terraform applies');
      case 'count':
      case 'each':
        throw new EvaluationError(
          `${name} is only available in a block with ${
            name === 'count' ? 'count' : 'for_each'
          }`,
        );
      default: {
        const ofType = this.declarations.blocks.managed.get(name);
        if (!ofType) {
          throw new EvaluationError(
            `${name} is not declared in this module (no resource of that type, no such variable)`,
          );
        }
        return new NamedValues(name, blockName =>
          this.reference(ofType.get(blockName), `${name}.${blockName}`),
        );
      }
    }
  }

  private local(name: string): Value {
    if (this.locals.has(name)) return this.locals.get(name)!;
    if (!this.declarations.locals.has(name)) {
      throw new EvaluationError(`local.${name} is not declared`);
    }
    if (this.evaluatingLocals.has(name)) {
      throw new EvaluationError(`local.${name} refers to itself in a cycle`);
    }
    this.evaluatingLocals.add(name);
    try {
      const value = evaluateRaw(this.declarations.locals.get(name), this);
      this.locals.set(name, value);
      return value;
    } finally {
      this.evaluatingLocals.delete(name);
    }
  }

  /** The instances of a block (count and for_each expanded). */
  expand(block: BlockDeclaration): Expansion {
    const known = this.expansions.get(block);
    if (known) return known;
    const base = address(block);
    const make = (suffix: string, names: Record<string, Evaluated>) =>
      new Instance(block, `${base}${suffix}`, childScope(this, names));
    let expansion: Expansion;
    if (block.body.count !== undefined) {
      const count = evaluateRaw(block.body.count, this);
      if (count instanceof Unknown || typeof count !== 'number') {
        const unknown =
          count instanceof Unknown
            ? count
            : new Unknown(`count is not a number`);
        expansion = {
          instances: [make('', { count: { index: unknown } })],
          unknown: new Unknown(
            `the count of ${base} is unknown: ${unknown.reason}`,
          ),
          keyed: 'count',
        };
      } else {
        const n = Math.max(0, Math.floor(count));
        expansion = {
          instances: Array.from(
            { length: Math.min(n, MAX_INSTANCES) },
            (_, i) => make(`[${i}]`, { count: { index: i } }),
          ),
          truncated: n > MAX_INSTANCES ? n : undefined,
          keyed: 'count',
        };
      }
    } else if (block.body.for_each !== undefined) {
      const forEach = evaluateRaw(block.body.for_each, this);
      let pairs: Array<[string, Value]> | undefined;
      if (isObject(forEach)) {
        pairs = Object.keys(forEach)
          .sort()
          .map(key => [key, forEach[key]]);
      } else if (
        Array.isArray(forEach) &&
        forEach.every(k => typeof k === 'string')
      ) {
        pairs = (forEach as string[]).map(key => [key, key]);
      }
      if (!pairs) {
        const unknown =
          forEach instanceof Unknown
            ? forEach
            : new Unknown('for_each is not a map or a set of strings');
        expansion = {
          instances: [make('', { each: { key: unknown, value: unknown } })],
          unknown: new Unknown(
            `the for_each of ${base} is unknown: ${unknown.reason}`,
          ),
          keyed: 'for_each',
        };
      } else {
        expansion = {
          instances: pairs
            .slice(0, MAX_INSTANCES)
            .map(([key, value]) =>
              make(`[${JSON.stringify(key)}]`, { each: { key, value } }),
            ),
          truncated: pairs.length > MAX_INSTANCES ? pairs.length : undefined,
          keyed: 'for_each',
        };
      }
    } else {
      expansion = { instances: [make('', {})], keyed: 'none' };
    }
    this.expansions.set(block, expansion);
    return expansion;
  }

  /** What `aws_s3_bucket.logs` (or `data.x.y`) stands for in an expression. */
  private reference(
    block: BlockDeclaration | undefined,
    name: string,
  ): Evaluated {
    if (!block) throw new EvaluationError(`${name} is not declared`);
    const expansion = this.expand(block);
    if (expansion.unknown) {
      return new Unknown(expansion.unknown.reason, { computed: name });
    }
    const values = expansion.instances.map(instance =>
      this.instanceValue(instance),
    );
    if (expansion.keyed === 'none') return values[0];
    return new InstancesValue(expansion, values);
  }

  private instanceValue(instance: Instance): LazyObject {
    if (instance.block.mode === 'data') {
      return instance.block.type === 'aws_iam_policy_document'
        ? new PolicyDocumentValue(instance)
        : new DataValue(instance);
    }
    return new ResourceValue(instance);
  }

  /** The default_tags of a provider configuration (`aws` or `aws.<alias>`). */
  defaultTags(provider: string): Value {
    if (this.providerTags.has(provider))
      return this.providerTags.get(provider)!;
    const [name, alias] = provider.split('.');
    let tags: Value = {};
    for (const config of this.declarations.providers) {
      if (config.name !== name) continue;
      const configAlias = config.body.alias
        ? evaluateRaw(config.body.alias, this)
        : undefined;
      if ((configAlias ?? undefined) !== alias) continue;
      const block = Array.isArray(config.body.default_tags)
        ? config.body.default_tags[0]
        : undefined;
      if (block && typeof block === 'object' && 'tags' in block) {
        tags = evaluateRaw((block as Record<string, unknown>).tags, this);
      }
    }
    this.providerTags.set(provider, tags);
    return tags;
  }
}
