import { EvaluationError, Evaluated, LazyObject } from '../expressions/scope';
import {
  policyDocumentJson,
  renderPolicyDocument,
} from '../iam/policyDocument';
import { Unknown, Value } from '../values/Unknown';
import { Expansion, Instance } from './Instance';

/** `var`, `local`, `data`, a resource type: names looked up when read. */
export class NamedValues extends LazyObject {
  constructor(
    private readonly prefix: string,
    private readonly read: (key: string) => Evaluated,
  ) {
    super();
  }
  get(key: string): Evaluated {
    return this.read(key);
  }
  toValue(): Value {
    throw new EvaluationError(`${this.prefix} cannot be used as a whole value`);
  }
}

/** A resource's instances by count index or for_each key. */
export class InstancesValue extends LazyObject {
  constructor(
    private readonly expansion: Expansion,
    private readonly values: LazyObject[],
  ) {
    super();
  }
  private keyOf(instance: Instance): string {
    const match = /\[(.*)\]$/.exec(instance.address);
    return match ? String(JSON.parse(match[1])) : '';
  }
  get(key: string): Evaluated {
    const at = this.expansion.instances.findIndex(i => this.keyOf(i) === key);
    if (at < 0) throw new EvaluationError(`no instance [${key}]`);
    return this.values[at];
  }
  toValue(): Value {
    const plain = this.values.map(v => v.toValue());
    if (this.expansion.keyed === 'count') return plain;
    return Object.fromEntries(
      this.expansion.instances.map((instance, i) => [
        this.keyOf(instance),
        plain[i],
      ]),
    );
  }
  splatItems(): Evaluated[] {
    return this.values;
  }
}

/**
 * A managed resource: configured attributes as configured; the rest (id,
 * arn, …) known only after apply. An S3 bucket's id and bucket are its
 * name, its ARN follows from it.
 */
export class ResourceValue extends LazyObject {
  constructor(private readonly instance: Instance) {
    super();
  }
  get(key: string): Evaluated {
    const values = this.instance.evaluate();
    const reference = `${this.instance.address}.${key}`;
    let value = values[key];
    if (this.instance.block.type === 'aws_s3_bucket') {
      if (key === 'id') value = values.bucket;
      if (key === 'arn' && typeof values.bucket === 'string') {
        value = `arn:aws:s3:::${values.bucket}`;
      }
    }
    if (value instanceof Unknown) {
      return new Unknown(value.reason, { ...value.options, reference });
    }
    if (value === undefined || value === null) {
      return new Unknown(`${reference} is only known after apply`, {
        computed: reference,
      });
    }
    return value;
  }
  toValue(): Value {
    return { ...this.instance.evaluate() };
  }
}

/** A data source read from AWS when planning: its results are not known here. */
export class DataValue extends LazyObject {
  constructor(private readonly instance: Instance) {
    super();
  }
  get(key: string): Evaluated {
    const configured = this.instance.evaluate()[key];
    if (configured !== undefined && configured !== null) return configured;
    const reference = `${this.instance.address}.${key}`;
    return new Unknown(`${reference} is read from AWS when Terraform plans`, {
      computed: reference,
    });
  }
  toValue(): Value {
    return { ...this.instance.evaluate() };
  }
}

/** `data.aws_iam_policy_document.x`: rendered from its statement blocks. */
export class PolicyDocumentValue extends LazyObject {
  private document?: Value;
  constructor(private readonly instance: Instance) {
    super();
  }
  private rendered(): Value {
    this.document ??= renderPolicyDocument(this.instance.evaluate());
    return this.document;
  }
  get(key: string): Evaluated {
    if (key === 'json' || key === 'minified_json') {
      return policyDocumentJson(this.rendered());
    }
    const values = this.instance.evaluate();
    if (key in values) return values[key];
    return new Unknown(
      `${this.instance.address}.${key} is only known after apply`,
      {
        computed: `${this.instance.address}.${key}`,
      },
    );
  }
  toValue(): Value {
    return { ...this.instance.evaluate(), json: this.get('json') as Value };
  }
}
