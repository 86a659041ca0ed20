import { z } from 'zod';
import { remediationCategorySchema, riskLevelSchema } from './categories';

/** A log line, numbered from 1 as the job log shows it. */
export const evidenceLineSchema = z.object({
  line: z.number().int().min(1),
  text: z.string(),
});
export type EvidenceLine = z.infer<typeof evidenceLineSchema>;

/** One step of the fix the agent would make, as a playbook names it. */
export const plannedFixStepSchema = z.object({
  type: z.string(),
  /** The step's parameters, with the diagnosis' values filled in. */
  with: z.record(z.string(), z.unknown()),
  /** What the step does, in words. */
  description: z.string(),
});
export type PlannedFixStep = z.infer<typeof plannedFixStepSchema>;

/** What the agent concluded from one job log. */
export const diagnosisSchema = z.object({
  category: remediationCategorySchema,
  /** The playbook whose rules matched; null for categories that have none. */
  playbookId: z.string().nullable(),
  /** The line that caused the failure, redacted. */
  rootCause: z.string(),
  evidence: z.array(evidenceLineSchema),
  riskLevel: riskLevelSchema,
  /** 0 to 1. */
  confidence: z.number().min(0).max(1),
  autoFixable: z.boolean(),
  /** What the agent would do; absent when it would do nothing. */
  fix: z
    .object({
      summary: z.string(),
      steps: z.array(plannedFixStepSchema),
    })
    .optional(),
  /** rules: a playbook rule matched; llm: the reasoning service answered; none: no answer. */
  source: z.enum(['rules', 'llm', 'none']),
  /** Values the rule extracted from the log (e.g. the missing module). */
  facts: z.record(z.string(), z.string()).optional(),
  /**
   * Lines of the log addressed to the agent (prompt injection). Their
   * presence makes the fix wait for a person (risk high), whatever it is.
   */
  promptInjection: z.array(evidenceLineSchema).optional(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;
