import { z } from 'zod';
import { diagnosisSchema } from './diagnosis';

/**
 * received → diagnosing → not_fixable (test/compile/lint/unknown: explain and notify)
 *                       → awaiting_approval (high risk) → rejected | fixing
 *                       → fixing → verifying → fixed | failed
 * gave_up: the same failure was already attempted the maximum number of times.
 */
export const remediationStatusSchema = z.enum([
  'received',
  'diagnosing',
  'not_fixable',
  'awaiting_approval',
  'rejected',
  'fixing',
  'verifying',
  'fixed',
  'failed',
  'gave_up',
]);
export type RemediationStatus = z.infer<typeof remediationStatusSchema>;

export const FINISHED_REMEDIATION_STATUSES: readonly RemediationStatus[] = [
  'not_fixable',
  'rejected',
  'fixed',
  'failed',
  'gave_up',
];

export const remediationSchema = z.object({
  id: z.string(),
  /** Where the failed pipeline ran: GitLab, or the local pipeline runner. */
  source: z.enum(['gitlab', 'local']),
  /** GitLab project path, or the local repository's directory. */
  project: z.string(),
  entityRef: z.string().optional(),
  ref: z.string(),
  commitSha: z.string().optional(),
  pipelineId: z.string(),
  pipelineUrl: z.string().optional(),
  jobId: z.string(),
  jobName: z.string(),
  jobUrl: z.string().optional(),
  status: remediationStatusSchema,
  diagnosis: diagnosisSchema.optional(),
  /** Same project, branch, job and cause: one merge request, at most three attempts. */
  fingerprint: z.string().optional(),
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  branch: z.string().optional(),
  mergeRequestUrl: z.string().optional(),
  /** The pipeline run that checked the fix. */
  verifyPipelineId: z.string().optional(),
  verifyPipelineUrl: z.string().optional(),
  approval: z
    .object({
      decision: z.enum(['approved', 'rejected']),
      by: z.string(),
      at: z.string(),
      comment: z.string().optional(),
    })
    .optional(),
  /** The Planner workflows that worked on this failure, oldest first. */
  workflowIds: z.array(z.string()),
  /** What was done, in words, for people. */
  summary: z.string().optional(),
  error: z.string().optional(),
  failedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the pipeline was green again. */
  resolvedAt: z.string().optional(),
});
export type Remediation = z.infer<typeof remediationSchema>;

export type RemediationStats = {
  total: number;
  /** fixed / (fixed + failed + gave_up); null before any attempt finished. */
  successRate: number | null;
  /** Mean time from the failure to a green pipeline, over fixed ones. */
  mttrSeconds: number | null;
  byStatus: Record<string, number>;
  topCauses: Array<{ category: string; count: number }>;
};
