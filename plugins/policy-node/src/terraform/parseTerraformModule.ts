import path from 'node:path';
import { ParsedResources } from '../resources/types';
import { collectDeclarations } from './module/declarations';
import { loadModuleFiles } from './module/loadModuleFiles';
import { MAX_INSTANCES } from './module/Instance';
import { ModuleEvaluation } from './module/ModuleEvaluation';
import { EvaluationError } from './expressions/scope';
import { resolveVariables } from './module/variables';
import { normaliseResources } from './normalise/normaliseResources';
import { ResourceInstance, valueAt } from './normalise/ResourceInstance';
import { toPolicyResource } from './toPolicyResource';

/** `provider = aws.west` comes as "${aws.west}". */
const providerOf = (raw: unknown) =>
  typeof raw === 'string' ? raw.replace(/^\$\{\s*|\s*\}$/g, '') : 'aws';

/**
 * The AWS resources of one Terraform module (the `.tf` and `.tfvars` files
 * of one directory), values resolved as Terraform would before judging
 * them: variable defaults and automatic .tfvars, locals, references to
 * other resources' configured values, `aws_iam_policy_document` data
 * sources, and each bucket's companion resources. What cannot be known is
 * listed in `unknowns`. A file that does not parse is an error; the rest
 * of the module still counts.
 */
export async function parseTerraformModule(
  files: Array<{ path: string; content: string }>,
): Promise<ParsedResources> {
  const loaded = await loadModuleFiles(files);
  const declarations = collectDeclarations(loaded.body, loaded.sources);
  const errors = [...loaded.errors, ...declarations.errors];
  const posix = (file: string) =>
    path.posix.normalize(file.replace(/\\/g, '/'));
  const module = new ModuleEvaluation(
    declarations,
    resolveVariables(declarations.variables, loaded.tfvars),
    {
      byPath: new Map(loaded.others.map(f => [posix(f.file), f.content])),
      directory: path.posix.dirname(posix(files[0]?.path ?? 'main.tf')),
    },
  );

  const instances: ResourceInstance[] = [];
  for (const [type, blocks] of declarations.blocks.managed) {
    if (!type.startsWith('aws_')) continue;
    for (const block of blocks.values()) {
      const expansion = module.expand(block);
      if (expansion.truncated) {
        errors.push({
          file: block.file,
          error: `${type}.${block.name} has ${expansion.truncated} instances; the first ${MAX_INSTANCES} are judged`,
        });
      }
      for (const instance of expansion.instances) {
        let values;
        try {
          values = instance.evaluate();
        } catch (error) {
          if (!(error instanceof EvaluationError)) throw error;
          values = {};
          errors.push({
            file: block.file,
            error: `${instance.address}: ${error.message}`,
          });
        }
        instances.push({
          type,
          address: instance.address,
          base: `${type}.${block.name}`,
          file: block.file,
          line: block.line,
          values: { ...values },
          configured: at => valueAt(values, at) !== undefined,
          defaultTags: module.defaultTags(providerOf(block.body.provider)),
        });
      }
    }
  }
  normaliseResources(instances);
  return { resources: instances.map(toPolicyResource), errors };
}
