import {
  CreateWorkflowRequest,
  DeadLetter,
  ListWorkflowsQuery,
  Page,
  TaskTypeInfo,
  Workflow,
  WorkflowDefinitionInfo,
  WorkflowDetails,
  WorkflowEvent,
} from '../schema/workflow';

import { RequestOptions } from './PluginApiClient';

/** Per-call options: a token for backend and CLI callers, and cancellation. */
export type PlannerRequestOptions = RequestOptions;

export interface ListDeadLettersQuery {
  workflowId?: string;
  /** Replayed dead letters are hidden unless asked for. */
  includeReplayed?: boolean;
  offset?: number;
  limit?: number;
}

/** The Planner's REST API (`/api/planner`), for the frontend, the CLI and other backends. */
export interface PlannerApi {
  createWorkflow(
    request: CreateWorkflowRequest,
    options?: PlannerRequestOptions,
  ): Promise<{ workflow: Workflow; created: boolean }>;
  listWorkflows(
    query?: ListWorkflowsQuery,
    options?: PlannerRequestOptions,
  ): Promise<Page<Workflow>>;
  getWorkflow(
    id: string,
    options?: PlannerRequestOptions,
  ): Promise<WorkflowDetails>;
  /** Events with seq greater than afterSeq (all of them by default), in order. */
  listEvents(
    id: string,
    query?: { afterSeq?: number },
    options?: PlannerRequestOptions,
  ): Promise<WorkflowEvent[]>;
  cancelWorkflow(
    id: string,
    options?: PlannerRequestOptions,
  ): Promise<Workflow>;
  retryTask(
    workflowId: string,
    taskId: string,
    options?: PlannerRequestOptions,
  ): Promise<Workflow>;
  listDeadLetters(
    query?: ListDeadLettersQuery,
    options?: PlannerRequestOptions,
  ): Promise<Page<DeadLetter>>;
  replayDeadLetter(
    id: string,
    options?: PlannerRequestOptions,
  ): Promise<Workflow>;
  listDefinitions(options?: PlannerRequestOptions): Promise<{
    definitions: WorkflowDefinitionInfo[];
    taskTypes: TaskTypeInfo[];
  }>;
}
