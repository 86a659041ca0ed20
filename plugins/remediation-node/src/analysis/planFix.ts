import {
  Diagnosis,
  NEVER_AUTO_FIXED,
  PlannedFixStep,
} from '@agentic-devops/plugin-remediation-common';
import { PlaybookSpec } from '../playbooks/schema';
import { FixStepType } from '../fixes/types';

const TEMPLATE = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/** Fills `{{fact}}` placeholders; undefined when a fact is missing. */
function fill(value: unknown, facts: Record<string, string>): unknown {
  if (typeof value === 'string') {
    let missing = false;
    const filled = value.replace(TEMPLATE, (_, name: string) => {
      const fact = Object.hasOwn(facts, name) ? facts[name] : undefined;
      if (typeof fact !== 'string') missing = true;
      return fact ?? '';
    });
    return missing ? undefined : filled;
  }
  if (Array.isArray(value)) {
    const items = value.map(v => fill(v, facts));
    return items.includes(undefined) ? undefined : items;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => [k, fill(v, facts)] as const,
    );
    return entries.some(([, v]) => v === undefined)
      ? undefined
      : Object.fromEntries(entries);
  }
  return value;
}

/**
 * The fix a playbook would make for this failure, its steps filled with the
 * facts the rule extracted and checked against the step types' schemas;
 * undefined (nothing to do) when the category is never auto-fixed or a step
 * cannot be filled in.
 */
export function planFix(
  category: Diagnosis['category'],
  playbook: PlaybookSpec | undefined,
  facts: Record<string, string>,
  stepTypes: ReadonlyMap<string, FixStepType>,
): { summary: string; steps: PlannedFixStep[] } | undefined {
  if (!playbook || NEVER_AUTO_FIXED.has(category)) return undefined;
  const steps: PlannedFixStep[] = [];
  for (const spec of playbook.fix.steps) {
    const stepType = stepTypes.get(spec.type);
    const params = fill(spec.with, facts);
    if (!stepType || params === undefined) return undefined;
    const parsed = stepType.parameters.safeParse(params);
    if (!parsed.success) return undefined;
    steps.push({
      type: spec.type,
      with: params as Record<string, unknown>,
      description: stepType.describe(parsed.data),
    });
  }
  const summary =
    (playbook.fix.summary &&
      (fill(playbook.fix.summary, facts) as string | undefined)) ??
    steps.map(s => s.description).join('; ');
  return { summary, steps };
}
