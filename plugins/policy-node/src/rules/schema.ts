import { severitySchema } from '@agentic-devops/plugin-policy-common';
import { z } from 'zod';

export const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * One rule, one YAML file in policies/<kind>/<id>.yaml. `compliant` is a
 * CEL expression over `resource` (a PolicyResource) and `params`: true when
 * the resource complies. A missing field is an error in CEL: test it with
 * `has(resource.attributes.x)` first, or rely on the parser's defaults.
 */
export const policyRuleSchema = z.strictObject({
  id: z.string().regex(RULE_ID, 'lower-case words joined by dashes'),
  title: z.string().min(1),
  severity: severitySchema,
  /** e.g. `CIS AWS`, `PCI-DSS`, `HIPAA`, `SOC 2`, `cost`, `operations`. */
  frameworks: z.array(z.string().min(1)).min(1),
  /** Which resources the rule judges. */
  resources: z.strictObject({
    kind: z.enum(['terraform', 'kubernetes', 'dockerfile', 'file']),
    /** Resource types (`aws_s3_bucket`, `Deployment`, …); all of the kind when absent. */
    types: z.array(z.string().min(1)).min(1).optional(),
  }),
  compliant: z.string().min(1),
  /**
   * Optional CEL giving a list of strings: which parts violate (container
   * names, ports, tag keys), shown with the finding.
   */
  violations: z.string().min(1).optional(),
  message: z.string().min(1),
  remediation: z.string().min(1),
  /** Defaults of the parameters the expression reads as `params.<name>`. */
  params: z.record(z.string(), z.unknown()).default({}),
});
export type PolicyRuleSpec = z.infer<typeof policyRuleSchema>;
