import { Severity, severitySchema } from '@agentic-devops/plugin-policy-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  compileRule,
  CompiledPolicyRule,
  PolicyRuleError,
} from './compileRule';
import { policyRuleSchema } from './schema';

/** What configuration may change per rule (`policy.rules.<id>`). */
export const ruleOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  severity: severitySchema.optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type RuleOverride = z.infer<typeof ruleOverrideSchema>;

export interface PolicyRuleSet {
  /** The enabled rules, in id order. */
  rules: CompiledPolicyRule[];
  /** Ids of the rules configuration disabled. */
  disabled: string[];
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile() && /\.ya?ml$/.test(e.name))
    .map(e => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * The rules in `directory` (every `*.yaml` below it, one rule per file),
 * validated and compiled, with configuration applied. Anything wrong (a
 * file that is not YAML, a rule that breaks the schema, CEL that does not
 * parse, two rules with one id, configuration for a rule that does not
 * exist) throws an error that names the file, the rule and the problem.
 */
export function loadPolicyRules(
  directory: string,
  overrides: Record<string, RuleOverride> = {},
): PolicyRuleSet {
  if (!fs.existsSync(directory)) {
    throw new Error(`Policy rules directory ${directory} does not exist`);
  }
  const byId = new Map<string, CompiledPolicyRule>();
  const disabled: string[] = [];
  for (const file of filesUnder(directory)) {
    const relative = path.relative(directory, file).split(path.sep).join('/');
    const where = (id?: string) =>
      `Policy rule ${relative}${id ? ` (${id})` : ''}`;
    let document: unknown;
    try {
      document = parseYaml(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(
        `${where()}: not valid YAML: ${(error as Error).message}`,
      );
    }
    const id = (document as { id?: unknown } | null)?.id;
    const parsed = policyRuleSchema.safeParse(document);
    if (!parsed.success) {
      throw new Error(
        `${where(typeof id === 'string' ? id : undefined)}: ${z
          .prettifyError(parsed.error)
          .replace(/\n/g, '; ')}`,
      );
    }
    const spec = parsed.data;
    const earlier = byId.get(spec.id);
    if (earlier) {
      throw new Error(
        `${where(spec.id)}: the id is also used by ${earlier.file}`,
      );
    }
    const override = overrides[spec.id] ?? {};
    try {
      byId.set(
        spec.id,
        compileRule(spec, {
          file: relative,
          severity: override.severity as Severity | undefined,
          params: override.params,
        }),
      );
    } catch (error) {
      if (error instanceof PolicyRuleError) {
        throw new Error(`${where(spec.id)}: ${error.message}`);
      }
      throw error;
    }
    if (override.enabled === false) disabled.push(spec.id);
  }
  for (const id of Object.keys(overrides)) {
    if (!byId.has(id)) {
      throw new Error(
        `Policy configuration names rule ${id}, which is not in ${directory}`,
      );
    }
  }
  return {
    rules: [...byId.values()]
      .filter(rule => !disabled.includes(rule.spec.id))
      .sort((a, b) => a.spec.id.localeCompare(b.spec.id)),
    disabled: disabled.sort(),
  };
}
