import { z } from 'zod';
import { severitySchema } from './severity';

/** One row of the compliance report: a framework, a rule and an owning team. */
export const complianceRowSchema = z.object({
  framework: z.string(),
  ruleId: z.string(),
  severity: severitySchema,
  /** The owning group's entity ref. */
  owner: z.string(),
  /** Entities of that owner whose latest scan ran this rule. */
  entities: z.number().int(),
  /** Of those, how many have no open (unwaived) finding of the rule. */
  compliant: z.number().int(),
  /** Open findings of the rule, and waived ones. */
  findings: z.number().int(),
  waived: z.number().int(),
});
export type ComplianceRow = z.infer<typeof complianceRowSchema>;

export const complianceReportSchema = z.object({
  generatedAt: z.string(),
  /** Per framework: compliant entity-rule pairs over all. */
  frameworks: z.array(
    z.object({
      framework: z.string(),
      compliant: z.number().int(),
      total: z.number().int(),
    }),
  ),
  rows: z.array(complianceRowSchema),
});
export type ComplianceReport = z.infer<typeof complianceReportSchema>;
