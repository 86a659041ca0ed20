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
import {
  ListDeadLettersQuery,
  PlannerApi,
  PlannerRequestOptions,
} from './PlannerApi';
import {
  PluginApiClient,
  PluginApiClientOptions,
  toSearch,
} from './PluginApiClient';

/** The plugin id the Planner's backend is mounted under. */
export const PLANNER_PLUGIN_ID = 'planner';

export type PlannerClientOptions = PluginApiClientOptions;

/** HTTP client for the Planner; one implementation for browser, CLI and backends. */
export class PlannerClient extends PluginApiClient implements PlannerApi {
  constructor(options: PlannerClientOptions) {
    super(PLANNER_PLUGIN_ID, options);
  }

  async createWorkflow(
    request: CreateWorkflowRequest,
    options?: PlannerRequestOptions,
  ) {
    const { status, body } = await this.request<Workflow>(
      'POST',
      '/workflows',
      options,
      request,
    );
    return { workflow: body, created: status === 201 };
  }

  async listWorkflows(
    query: ListWorkflowsQuery = {},
    options?: PlannerRequestOptions,
  ) {
    const { body } = await this.request<Page<Workflow>>(
      'GET',
      `/workflows${toSearch({ ...query })}`,
      options,
    );
    return body;
  }

  async getWorkflow(id: string, options?: PlannerRequestOptions) {
    const { body } = await this.request<WorkflowDetails>(
      'GET',
      `/workflows/${encodeURIComponent(id)}`,
      options,
    );
    return body;
  }

  async listEvents(
    id: string,
    query: { afterSeq?: number } = {},
    options?: PlannerRequestOptions,
  ) {
    const { body } = await this.request<{ items: WorkflowEvent[] }>(
      'GET',
      `/workflows/${encodeURIComponent(id)}/events${toSearch(query)}`,
      options,
    );
    return body.items;
  }

  async cancelWorkflow(id: string, options?: PlannerRequestOptions) {
    const { body } = await this.request<Workflow>(
      'POST',
      `/workflows/${encodeURIComponent(id)}/cancel`,
      options,
      {},
    );
    return body;
  }

  async retryTask(
    workflowId: string,
    taskId: string,
    options?: PlannerRequestOptions,
  ) {
    const { body } = await this.request<Workflow>(
      'POST',
      `/workflows/${encodeURIComponent(workflowId)}/tasks/${encodeURIComponent(
        taskId,
      )}/retry`,
      options,
      {},
    );
    return body;
  }

  async listDeadLetters(
    query: ListDeadLettersQuery = {},
    options?: PlannerRequestOptions,
  ) {
    const { body } = await this.request<Page<DeadLetter>>(
      'GET',
      `/dead-letters${toSearch({ ...query })}`,
      options,
    );
    return body;
  }

  async replayDeadLetter(id: string, options?: PlannerRequestOptions) {
    const { body } = await this.request<Workflow>(
      'POST',
      `/dead-letters/${encodeURIComponent(id)}/replay`,
      options,
      {},
    );
    return body;
  }

  async listDefinitions(options?: PlannerRequestOptions) {
    const { body } = await this.request<{
      definitions: WorkflowDefinitionInfo[];
      taskTypes: TaskTypeInfo[];
    }>('GET', '/definitions', options);
    return body;
  }
}
