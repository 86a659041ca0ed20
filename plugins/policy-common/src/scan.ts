import { z } from 'zod';
import { findingSchema, scanErrorSchema, scanSummarySchema } from './finding';

/** What triggered a stored scan. */
export const scanTriggerSchema = z.enum([
  'merge_request',
  'scaffolder',
  'workflow',
  'api',
]);
export type ScanTrigger = z.infer<typeof scanTriggerSchema>;

/** One scan, stored with its findings, so trends and reports need no re-scan. */
export const policyScanSchema = z.object({
  id: z.string(),
  entityRef: z.string().optional(),
  trigger: scanTriggerSchema,
  /** e.g. the GitLab project path, or the local folder scanned. */
  target: z.string(),
  commitSha: z.string().optional(),
  /** The merge request's web URL, for scans of one. */
  mergeRequestUrl: z.string().optional(),
  createdAt: z.string(),
  summary: scanSummarySchema,
  /** After waivers: a waived finding is kept, marked with its waiver. */
  findings: z.array(findingSchema.extend({ waiverId: z.string().optional() })),
  errors: z.array(scanErrorSchema),
});
export type PolicyScan = z.infer<typeof policyScanSchema>;

/** Findings per scan over time, for an entity's trend. */
export const scanTrendPointSchema = z.object({
  scanId: z.string(),
  createdAt: z.string(),
  bySeverity: scanSummarySchema.shape.bySeverity,
  waived: z.number().int(),
});
export type ScanTrendPoint = z.infer<typeof scanTrendPointSchema>;
