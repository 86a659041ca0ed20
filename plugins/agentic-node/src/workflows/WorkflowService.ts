import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CreateWorkflowRequest,
  isTerminalWorkflowStatus,
  ListWorkflowsQuery,
  Page,
  PLANNER_PLUGIN_ID,
  PlannerClient,
  Workflow,
  WorkflowDetails,
  WorkflowEvent,
} from '@agentic-devops/plugin-agentic-common';

export interface WorkflowCallOptions {
  /** On whose behalf: a user's credentials, or the calling plugin's own. */
  credentials: BackstageCredentials;
}

export interface WaitForWorkflowOptions extends WorkflowCallOptions {
  /** Called for every event, in order, as the workflow progresses. */
  onEvent?: (event: WorkflowEvent) => void | Promise<void>;
  /**
   * Stop following at the first event this returns true for (after its
   * onEvent), returning the workflow as it is then, which may be running.
   */
  until?: (event: WorkflowEvent) => boolean;
  timeoutMs?: number;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/** Create and follow workflows from another plugin. */
export interface WorkflowService {
  create(
    request: CreateWorkflowRequest,
    options: WorkflowCallOptions,
  ): Promise<{ workflow: Workflow; created: boolean }>;
  get(id: string, options: WorkflowCallOptions): Promise<WorkflowDetails>;
  list(
    query: ListWorkflowsQuery,
    options: WorkflowCallOptions,
  ): Promise<Page<Workflow>>;
  cancel(id: string, options: WorkflowCallOptions): Promise<Workflow>;
  /** Follows the workflow's events until it succeeds, fails or is cancelled (or `until` says). */
  waitForCompletion(
    id: string,
    options: WaitForWorkflowOptions,
  ): Promise<WorkflowDetails>;
}

const terminalEvents = new Set([
  'workflow.succeeded',
  'workflow.failed',
  'workflow.cancelled',
]);

/** The Planner over HTTP, with tokens from the auth service. */
export class DefaultWorkflowService implements WorkflowService {
  readonly #auth: AuthService;
  readonly #client: PlannerClient;

  constructor(options: { auth: AuthService; discovery: DiscoveryService }) {
    this.#auth = options.auth;
    this.#client = new PlannerClient({ discoveryApi: options.discovery });
  }

  async #token(credentials: BackstageCredentials) {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: PLANNER_PLUGIN_ID,
    });
    return token;
  }

  async create(request: CreateWorkflowRequest, options: WorkflowCallOptions) {
    return this.#client.createWorkflow(request, {
      token: await this.#token(options.credentials),
    });
  }

  async get(id: string, options: WorkflowCallOptions) {
    return this.#client.getWorkflow(id, {
      token: await this.#token(options.credentials),
    });
  }

  async list(query: ListWorkflowsQuery, options: WorkflowCallOptions) {
    return this.#client.listWorkflows(query, {
      token: await this.#token(options.credentials),
    });
  }

  async cancel(id: string, options: WorkflowCallOptions) {
    return this.#client.cancelWorkflow(id, {
      token: await this.#token(options.credentials),
    });
  }

  async waitForCompletion(
    id: string,
    options: WaitForWorkflowOptions,
  ): Promise<WorkflowDetails> {
    const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    const pollIntervalMs = options.pollIntervalMs ?? 500;
    let afterSeq = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const token = await this.#token(options.credentials);
      const events = await this.#client.listEvents(id, { afterSeq }, { token });
      for (const event of events) {
        afterSeq = event.seq;
        await options.onEvent?.(event);
        if (options.until?.(event)) {
          return this.#client.getWorkflow(id, { token });
        }
      }
      // Every state change is an event, so the terminal one shows up here.
      if (events.some(e => terminalEvents.has(e.type))) {
        const details = await this.#client.getWorkflow(id, { token });
        if (isTerminalWorkflowStatus(details.status)) {
          return details;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for workflow ${id}`);
      }
      await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
    }
  }
}

export const workflowServiceRef = createServiceRef<WorkflowService>({
  id: 'agentic.workflows',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: ({ auth, discovery }) =>
        new DefaultWorkflowService({ auth, discovery }),
    }),
});
