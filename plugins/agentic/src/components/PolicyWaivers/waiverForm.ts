import {
  waiverRequestSchema,
  WaiverRequest,
} from '@agentic-devops/plugin-policy-common';

/** A waiver lasts at most a year: the agent refuses a later expiry. */
export const MAX_WAIVER_DAYS = 365;
/** What the form proposes. */
export const DEFAULT_WAIVER_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The day `days` after today, as `2025-06-01` (UTC, as the expiry is). */
export function dayFromNow(days: number, now: number = Date.now()): string {
  return new Date(now + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The days an expiry may fall on: from tomorrow to a year from today. The
 * waiver ends at the start of the chosen day (UTC), so the last one is still
 * within a year of now.
 */
export function expiryBounds(now: number = Date.now()) {
  return { min: dayFromNow(1, now), max: dayFromNow(MAX_WAIVER_DAYS, now) };
}

/** The request's `expiresAt` for the chosen day: its start, UTC. */
export function expiryOf(day: string): string {
  return `${day}T00:00:00.000Z`;
}

export interface WaiverFormValues {
  resourcePattern: string;
  reason: string;
  /** `yyyy-mm-dd`, as a date input gives it. */
  expiresOn: string;
}

export type WaiverFormErrors = Partial<Record<keyof WaiverFormValues, string>>;

const FIELD_ERRORS: Record<keyof WaiverFormValues, string> = {
  resourcePattern:
    'Name the resources: a resource, a glob such as Deployment/web*, or * for all',
  reason: 'Say why, in a sentence (10 characters at least)',
  expiresOn: 'Choose a day from tomorrow to a year from today',
};

/**
 * The request the form describes, or what is wrong with each field. The
 * rules are the agent's schema's (it checks them again); the range of the
 * expiry is checked here, as the schema cannot know today.
 */
export function toWaiverRequest(
  values: WaiverFormValues,
  target: { ruleId: string; entityRef: string },
  now: number = Date.now(),
):
  | { request: WaiverRequest; errors?: undefined }
  | { errors: WaiverFormErrors } {
  const errors: WaiverFormErrors = {};
  const { min, max } = expiryBounds(now);
  const day = values.expiresOn;
  if (
    !DAY_PATTERN.test(day) ||
    Number.isNaN(Date.parse(expiryOf(day))) ||
    day < min ||
    day > max
  ) {
    errors.expiresOn = FIELD_ERRORS.expiresOn;
  }
  const request = {
    ruleId: target.ruleId,
    entityRef: target.entityRef,
    resourcePattern: values.resourcePattern.trim(),
    reason: values.reason.trim(),
    expiresAt: errors.expiresOn ? '' : expiryOf(day),
  };
  const parsed = waiverRequestSchema.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'resourcePattern' || field === 'reason') {
        errors[field] = FIELD_ERRORS[field];
      }
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { request };
}
