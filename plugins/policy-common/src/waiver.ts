import { z } from 'zod';

export const waiverStatusSchema = z.enum([
  /** Requested, not yet approved by an owner of the entity: not applied. */
  'pending',
  'approved',
  'rejected',
  /** Past its expiry: no longer applied. */
  'expired',
]);
export type WaiverStatus = z.infer<typeof waiverStatusSchema>;

export const waiverRequestSchema = z.object({
  ruleId: z.string().min(1),
  entityRef: z.string().min(1),
  /**
   * Which resources it covers: a glob over the finding's resource name
   * (`aws_s3_bucket.public_assets`, `Deployment/web*`), `*` for all.
   */
  resourcePattern: z.string().min(1),
  reason: z.string().min(10, 'say why, in a sentence'),
  /** ISO date-time, in the future, at most a year ahead. */
  expiresAt: z.string().datetime({ offset: true }),
});
export type WaiverRequest = z.infer<typeof waiverRequestSchema>;

export const waiverSchema = waiverRequestSchema.extend({
  id: z.string(),
  status: waiverStatusSchema,
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  /** How many stored findings it has covered. */
  uses: z.number().int(),
});
export type Waiver = z.infer<typeof waiverSchema>;
