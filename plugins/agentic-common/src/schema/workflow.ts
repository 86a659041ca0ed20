import { z } from 'zod';
import {
  attemptStatusSchema,
  taskStatusSchema,
  workflowEventTypeSchema,
  workflowStatusSchema,
} from './status';

const jsonObject = z.record(z.string(), z.unknown());
const isoDate = z.string();

export const workflowSchema = z.object({
  id: z.string(),
  definition: z.string(),
  title: z.string(),
  status: workflowStatusSchema,
  parameters: jsonObject,
  entityRef: z.string().optional(),
  /** Owner of the entity when the workflow was created, for permissions and notifications. */
  entityOwnerRef: z.string().optional(),
  requestedBy: z.string(),
  idempotencyKey: z.string().optional(),
  /** Where the task graph came from: a registered definition, or a plan the reasoning service proposed. */
  planSource: z.enum(['definition', 'reasoning']),
  progress: z.object({
    total: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    running: z.number(),
  }),
  error: z.string().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  startedAt: isoDate.optional(),
  finishedAt: isoDate.optional(),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const taskSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  /** Unique within the workflow; dependencies name tasks by key. */
  key: z.string(),
  type: z.string(),
  title: z.string(),
  params: jsonObject,
  dependsOn: z.array(z.string()),
  status: taskStatusSchema,
  attempts: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: isoDate.optional(),
  output: jsonObject.optional(),
  lastError: z.string().optional(),
  startedAt: isoDate.optional(),
  finishedAt: isoDate.optional(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskAttemptSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  attempt: z.number(),
  /** The backend instance that ran the attempt. */
  worker: z.string(),
  status: attemptStatusSchema,
  error: z.string().optional(),
  startedAt: isoDate,
  finishedAt: isoDate.optional(),
  durationMs: z.number().optional(),
});
export type TaskAttempt = z.infer<typeof taskAttemptSchema>;

export const workflowEventSchema = z.object({
  workflowId: z.string(),
  /** Gap-free and increasing per workflow: replaying events in seq order replays the history. */
  seq: z.number(),
  type: workflowEventTypeSchema,
  taskKey: z.string().optional(),
  message: z.string().optional(),
  data: jsonObject.optional(),
  createdAt: isoDate,
});
export type WorkflowEvent = z.infer<typeof workflowEventSchema>;

export const workflowDetailsSchema = workflowSchema.extend({
  tasks: z.array(taskSchema),
  attempts: z.array(taskAttemptSchema),
  events: z.array(workflowEventSchema),
});
export type WorkflowDetails = z.infer<typeof workflowDetailsSchema>;

export const deadLetterSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  taskId: z.string(),
  taskKey: z.string(),
  type: z.string(),
  error: z.string(),
  attempts: z.number(),
  createdAt: isoDate,
  replayedAt: isoDate.optional(),
  replayedBy: z.string().optional(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const createWorkflowRequestSchema = z
  .object({
    /** A registered workflow definition. */
    definition: z.string().min(1).optional(),
    /** Free text for the reasoning service to plan from (LLM only), instead of a definition. */
    goal: z.string().min(1).max(4000).optional(),
    parameters: jsonObject.optional(),
    /** The catalog entity the workflow is about, e.g. component:default/checkout-service. */
    entityRef: z.string().min(1).optional(),
    /** Creating twice with the same key returns the first workflow. */
    idempotencyKey: z.string().min(1).max(200).optional(),
    title: z.string().min(1).max(200).optional(),
  })
  .refine(r => Boolean(r.definition) !== Boolean(r.goal), {
    error: 'give exactly one of definition or goal',
  });
export type CreateWorkflowRequest = z.infer<typeof createWorkflowRequestSchema>;

export interface ListWorkflowsQuery {
  entityRef?: string;
  status?: Workflow['status'][];
  definition?: string;
  offset?: number;
  limit?: number;
}

// Type aliases rather than interfaces, so they fit JSON-typed routers.
export type Page<T> = {
  items: T[];
  totalCount: number;
  offset: number;
  limit: number;
};

export type WorkflowDefinitionInfo = {
  name: string;
  title: string;
  description?: string;
  /** JSON Schema of the parameters. */
  parametersSchema: Record<string, unknown>;
};

export type TaskTypeInfo = {
  type: string;
  title: string;
  description?: string;
  maxAttempts: number;
  parametersSchema: Record<string, unknown>;
};
