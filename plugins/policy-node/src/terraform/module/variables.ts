import { Scope, EvaluationError } from '../expressions/scope';
import { Unknown, Value } from '../values/Unknown';
import { evaluateRaw } from './evaluateRaw';
import { TfvarsFile } from './loadModuleFiles';

export interface VariableDeclaration {
  name: string;
  /** Absent when the declaration has no default. */
  default?: unknown;
}

/** Defaults and .tfvars values are constants: no references, functions only. */
const CONSTANTS: Scope = {
  lookup: name => {
    throw new EvaluationError(`${name} cannot be referred to here`);
  },
};

/**
 * Each variable's value as Terraform would take it without `-var`
 * options: the last automatic .tfvars file that sets it, else its default,
 * else unknown (naming other .tfvars files that set it, since Terraform
 * reads those only with `-var-file`).
 */
export function resolveVariables(
  declarations: VariableDeclaration[],
  tfvars: TfvarsFile[],
): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const declaration of declarations) {
    const { name } = declaration;
    const setBy = tfvars.filter(f =>
      Object.prototype.hasOwnProperty.call(f.values, name),
    );
    const automatic = setBy.filter(f => f.automatic);
    const last = automatic[automatic.length - 1];
    if (last) {
      const raw = last.values[name];
      values[name] = last.json ? (raw as Value) : evaluateRaw(raw, CONSTANTS);
    } else if ('default' in declaration) {
      values[name] = evaluateRaw(declaration.default, CONSTANTS);
    } else {
      const others = setBy.map(f => f.file);
      values[name] = new Unknown(
        `var.${name} has no default and no .tfvars value${
          others.length
            ? ` (${others.join(
                ', ',
              )} sets it, but Terraform reads that only with -var-file)`
            : ''
        }`,
      );
    }
  }
  return values;
}
