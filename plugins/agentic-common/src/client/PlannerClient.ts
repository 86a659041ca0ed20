import { ResponseError } from '@backstage/errors';
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

/** The plugin id the Planner's backend is mounted under. */
export const PLANNER_PLUGIN_ID = 'planner';

export interface PlannerClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** The frontend passes its fetchApi (which adds the user's token); defaults to global fetch. */
  fetchApi?: { fetch: typeof fetch };
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of [value].flat()) {
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** HTTP client for the Planner; one implementation for browser, CLI and backends. */
export class PlannerClient implements PlannerApi {
  readonly #discoveryApi: PlannerClientOptions['discoveryApi'];
  readonly #fetchApi: { fetch: typeof fetch };

  constructor(options: PlannerClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  async #request<T>(
    method: string,
    path: string,
    options: PlannerRequestOptions = {},
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(PLANNER_PLUGIN_ID);
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return { status: response.status, body: (await response.json()) as T };
  }

  async createWorkflow(
    request: CreateWorkflowRequest,
    options?: PlannerRequestOptions,
  ) {
    const { status, body } = await this.#request<Workflow>(
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
    const { body } = await this.#request<Page<Workflow>>(
      'GET',
      `/workflows${toSearch({ ...query })}`,
      options,
    );
    return body;
  }

  async getWorkflow(id: string, options?: PlannerRequestOptions) {
    const { body } = await this.#request<WorkflowDetails>(
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
    const { body } = await this.#request<{ items: WorkflowEvent[] }>(
      'GET',
      `/workflows/${encodeURIComponent(id)}/events${toSearch(query)}`,
      options,
    );
    return body.items;
  }

  async cancelWorkflow(id: string, options?: PlannerRequestOptions) {
    const { body } = await this.#request<Workflow>(
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
    const { body } = await this.#request<Workflow>(
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
    const { body } = await this.#request<Page<DeadLetter>>(
      'GET',
      `/dead-letters${toSearch({ ...query })}`,
      options,
    );
    return body;
  }

  async replayDeadLetter(id: string, options?: PlannerRequestOptions) {
    const { body } = await this.#request<Workflow>(
      'POST',
      `/dead-letters/${encodeURIComponent(id)}/replay`,
      options,
      {},
    );
    return body;
  }

  async listDefinitions(options?: PlannerRequestOptions) {
    const { body } = await this.#request<{
      definitions: WorkflowDefinitionInfo[];
      taskTypes: TaskTypeInfo[];
    }>('GET', '/definitions', options);
    return body;
  }
}
