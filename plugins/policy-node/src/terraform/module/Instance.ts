import { EvaluationError, Scope } from '../expressions/scope';
import { Unknown, ValueObject } from '../values/Unknown';
import { BlockDeclaration } from './declarations';
import { evaluateBody } from './evaluateRaw';

/** More instances of one block than this are not judged one by one. */
export const MAX_INSTANCES = 100;

/** One instance of a resource or data block (`aws_instance.web[0]`). */
export class Instance {
  private values?: ValueObject;
  private evaluating = false;

  constructor(
    readonly block: BlockDeclaration,
    /** Its Terraform address, module-relative. */
    readonly address: string,
    private readonly scope: Scope,
  ) {}

  /** The block's attributes, evaluated once. */
  evaluate(): ValueObject {
    if (this.values) return this.values;
    if (this.evaluating) {
      throw new EvaluationError(`${this.address} refers to itself in a cycle`);
    }
    this.evaluating = true;
    try {
      this.values = evaluateBody(this.block.body, this.scope, {
        resource: true,
      });
    } finally {
      this.evaluating = false;
    }
    return this.values;
  }
}

export /** What a block expands to: its instances, or unknown count/for_each. */
interface Expansion {
  instances: Instance[];
  /** Set when count/for_each cannot be known: one instance stands for all. */
  unknown?: Unknown;
  /** Set when there were more than {@link MAX_INSTANCES}. */
  truncated?: number;
  keyed: 'none' | 'count' | 'for_each';
}
