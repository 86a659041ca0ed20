import { z } from 'zod';
import { severitySchema, SEVERITIES, Severity } from './severity';

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: severitySchema,
  /** Path of the file, relative to what was scanned. */
  file: z.string(),
  /** 1-based; 0 when the file as a whole is meant. */
  line: z.number().int().min(0),
  /** What was judged: `aws_s3_bucket.logs`, `Deployment/web`, `Dockerfile`, … */
  resource: z.string(),
  message: z.string(),
  remediation: z.string(),
  frameworks: z.array(z.string()),
  /**
   * violated: the resource breaks the rule. unknown: whether it does depends
   * on a value that cannot be known before apply (reported, never passed).
   */
  status: z.enum(['violated', 'unknown']),
  /** Why the status is unknown, or which parts violate (e.g. containers). */
  detail: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** A file that could not be read or parsed; the rest is still scanned. */
export const scanErrorSchema = z.object({
  file: z.string(),
  error: z.string(),
});
export type ScanError = z.infer<typeof scanErrorSchema>;

export const scanSummarySchema = z.object({
  files: z.number().int(),
  resources: z.number().int(),
  findings: z.number().int(),
  bySeverity: z.record(severitySchema, z.number().int()),
  errors: z.number().int(),
});
export type ScanSummary = z.infer<typeof scanSummarySchema>;

export const scanReportSchema = z.object({
  findings: z.array(findingSchema),
  summary: scanSummarySchema,
  errors: z.array(scanErrorSchema),
});
export type ScanReport = z.infer<typeof scanReportSchema>;

/** Findings, most severe first, then by file and line. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function summarize(options: {
  files: number;
  resources: number;
  findings: Finding[];
  errors: ScanError[];
}): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
    Severity,
    number
  >;
  for (const f of options.findings) bySeverity[f.severity] += 1;
  return {
    files: options.files,
    resources: options.resources,
    findings: options.findings.length,
    bySeverity,
    errors: options.errors.length,
  };
}
