import {
  remediationCategorySchema,
  riskLevelSchema,
} from '@agentic-devops/plugin-remediation-common';
import { z } from 'zod';

const regexSource = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    try {
      // eslint-disable-next-line no-new
      new RegExp(source);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid regular expression: ${(error as Error).message}`,
      });
    }
  });

/** One line-matching rule. Named groups become facts (e.g. `module`). */
export const ruleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  pattern: regexSource,
  /** `i` for case-insensitive. */
  flags: z.enum(['', 'i']).default(''),
  /** Higher wins when several rules match a log. */
  priority: z.number().int().min(0).max(100),
  confidence: z.number().min(0).max(1).default(0.9),
  /** Which occurrence is the cause when the rule matches several lines. */
  prefer: z.enum(['first', 'last']).default('last'),
  /** The rule counts only if this also occurs somewhere in the log (e.g. a re-run marker). */
  alsoSeen: regexSource.optional(),
  /** Facts the rule sets when it matches, besides its named groups (e.g. `scope: job`). */
  facts: z.record(z.string(), z.string()).default({}),
});
export type RuleSpec = z.infer<typeof ruleSchema>;

export const fixStepSpecSchema = z.strictObject({
  type: z.string().min(1),
  /** Parameters; `{{fact}}` is replaced with what the matching rule extracted. */
  with: z.record(z.string(), z.unknown()).default({}),
});

const base = {
  id: z.string().regex(/^[a-z]+-[a-z]+-\d{3}$/, 'like pb-dep-001'),
  title: z.string().min(1),
  description: z.string().optional(),
  category: remediationCategorySchema,
  rules: z.array(ruleSchema).min(1),
};

/** A playbook: how to recognise a failure, how risky its fix is, and the fix. */
export const playbookSchema = z.strictObject({
  kind: z.literal('playbook').default('playbook'),
  ...base,
  risk: riskLevelSchema,
  fix: z.strictObject({
    summary: z.string().optional(),
    steps: z.array(fixStepSpecSchema).min(1),
  }),
});
export type PlaybookSpec = z.infer<typeof playbookSchema>;

/** Recognises a failure the agent never fixes (test, compile, lint). */
export const classifierSchema = z.strictObject({
  kind: z.literal('classifier'),
  ...base,
  id: z.string().regex(/^[a-z]+-[a-z]+-\d{3}$/, 'like cls-test-001'),
});
export type ClassifierSpec = z.infer<typeof classifierSchema>;

/** Lines that are never the cause however scary they look (warnings, notices). */
export const noiseSchema = z.strictObject({
  kind: z.literal('noise'),
  id: z.string(),
  description: z.string().optional(),
  patterns: z
    .array(
      z.strictObject({
        pattern: regexSource,
        flags: z.enum(['', 'i']).default(''),
        /**
         * The line addresses the agent (prompt injection): besides being
         * noise, it makes the lines right after it suspect (they may be the
         * bait it points at) and the whole log unfit for an automatic fix.
         */
        injection: z.boolean().default(false),
      }),
    )
    .min(1),
});
export type NoiseSpec = z.infer<typeof noiseSchema>;

export const playbookFileSchema = z.union([
  classifierSchema,
  noiseSchema,
  playbookSchema,
]);
