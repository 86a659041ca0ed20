import { severitySchema } from '@agentic-devops/plugin-policy-common';
import { z } from 'zod';

/**
 * One violation in the decision OPA returns for a resource (see README.md):
 * what a platform team's Rego `deny` rule yields.
 */
export const opaViolationSchema = z.object({
  ruleId: z.string().min(1),
  severity: severitySchema,
  message: z.string().min(1),
  remediation: z.string().min(1).optional(),
  frameworks: z.array(z.string().min(1)).optional(),
  /** Which parts violate (containers, ports), shown with the finding. */
  detail: z.string().min(1).optional(),
});
export type OpaViolation = z.infer<typeof opaViolationSchema>;

/** The decision: every violation of the resource; none when it complies. */
export const opaDecisionSchema = z.array(opaViolationSchema);
