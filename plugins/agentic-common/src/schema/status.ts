import { z } from 'zod';

/** A workflow is pending until its first task starts, then running until every task is done. */
export const workflowStatusSchema = z.enum([
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>;

/**
 * blocked: waits for dependencies; ready: may be claimed (possibly after a
 * backoff, see nextAttemptAt); running: claimed under a lease; failed: out of
 * attempts and in the dead-letter table until replayed.
 */
export const taskStatusSchema = z.enum([
  'blocked',
  'ready',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** lease_expired: the worker stopped heartbeating (it died or hung). */
export const attemptStatusSchema = z.enum([
  'running',
  'succeeded',
  'failed',
  'lease_expired',
  'cancelled',
]);
export type AttemptStatus = z.infer<typeof attemptStatusSchema>;

export const workflowEventTypeSchema = z.enum([
  'workflow.created',
  'workflow.started',
  'workflow.succeeded',
  'workflow.failed',
  'workflow.cancelled',
  'workflow.resumed',
  'task.ready',
  'task.started',
  'task.progress',
  'task.succeeded',
  'task.retry_scheduled',
  'task.lease_expired',
  'task.dead_lettered',
  'task.requeued',
  'task.cancelled',
]);
export type WorkflowEventType = z.infer<typeof workflowEventTypeSchema>;

export const TERMINAL_WORKFLOW_STATUSES: readonly WorkflowStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
];

export function isTerminalWorkflowStatus(status: WorkflowStatus): boolean {
  return TERMINAL_WORKFLOW_STATUSES.includes(status);
}
