import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  agenticWorkflowCancelPermission,
  agenticWorkflowCreatePermission,
  agenticWorkflowReadPermission,
  agenticWorkflowRetryPermission,
  CreateWorkflowRequest,
  ListDeadLettersQuery,
  ListWorkflowsQuery,
  Page,
  Workflow,
  WorkflowDetails,
} from '@agentic-devops/plugin-agentic-common';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ConditionTransformer,
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { JsonObject } from '@backstage/types';
import {
  audited,
  CallContext,
  principalRef,
  resolveEntity,
} from '@agentic-devops/plugin-agentic-node';
import { WorkflowQuery, WorkflowStore } from '../database/WorkflowStore';
import { TaskRegistry } from '../engine/TaskRegistry';
import { TaskWorker } from '../engine/TaskWorker';
import { WorkflowPlanner } from '../engine/WorkflowPlanner';
import { WorkflowNotifier } from '../notify/WorkflowNotifier';

export type { CallContext } from '@agentic-devops/plugin-agentic-node';

const MAX_PAGE = 200;

/**
 * What the Planner offers, with its permission checks and audit records:
 * used by the REST router and by the MCP actions alike.
 */
export class PlannerService {
  readonly #authorizeWorkflow: (
    decision: PolicyDecision,
    workflow: Workflow,
  ) => boolean;
  readonly #toQuery: ConditionTransformer<WorkflowQuery>;

  constructor(
    private readonly deps: {
      store: WorkflowStore;
      planner: WorkflowPlanner;
      registry: TaskRegistry;
      worker?: TaskWorker;
      notifier: WorkflowNotifier;
      auth: AuthService;
      permissions: PermissionsService;
      ruleset: PermissionRuleset<Workflow, WorkflowQuery>;
      catalog: CatalogService;
      auditor: AuditorService;
    },
  ) {
    this.#authorizeWorkflow = createConditionAuthorizer(deps.ruleset);
    this.#toQuery = createConditionTransformer(deps.ruleset);
  }

  #audit<T>(
    eventId: string,
    context: CallContext,
    meta: JsonObject,
    fn: () => Promise<T>,
  ): Promise<T> {
    return audited(this.deps, eventId, context, meta, fn);
  }

  /** A permission's filter for listing: undefined allows all, null allows none. */
  async #filter(
    permission: ResourcePermission<'agentic-workflow'>,
    credentials: BackstageCredentials,
  ): Promise<PermissionCriteria<WorkflowQuery> | undefined | null> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW ? undefined : null;
    }
    return this.#toQuery(decision.conditions);
  }

  /** Loads a workflow the caller may act on with `permission`, or throws. */
  async #authorized(
    id: string,
    permission: ResourcePermission<'agentic-workflow'>,
    credentials: BackstageCredentials,
  ): Promise<Workflow> {
    const workflow = await this.deps.store.getWorkflow(id);
    if (!workflow) {
      throw new NotFoundError(`No workflow with id ${id}`);
    }
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.#authorizeWorkflow(decision, workflow)) {
      // Unreadable workflows do not exist for the caller.
      if (permission === agenticWorkflowReadPermission) {
        throw new NotFoundError(`No workflow with id ${id}`);
      }
      throw new NotAllowedError(
        `Not allowed to ${permission.name} workflow ${id}`,
      );
    }
    return workflow;
  }

  async create(request: CreateWorkflowRequest, context: CallContext) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: agenticWorkflowCreatePermission }],
      { credentials: context.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to create workflows');
    }
    return this.#audit(
      'workflow-create',
      context,
      {
        definition: request.definition ?? 'goal',
        entityRef: request.entityRef ?? null,
        idempotencyKey: request.idempotencyKey ?? null,
      },
      async () => {
        const entity = request.entityRef
          ? await this.#resolveEntity(request, request.entityRef)
          : undefined;
        const planned = await this.deps.planner.plan({
          ...request,
          entityRef: entity?.ref,
        });
        const result = await this.deps.store.createWorkflow({
          ...planned,
          entityRef: entity?.ref,
          entityOwnerRef: entity?.owner,
          requestedBy: principalRef(this.deps.auth, context.credentials),
          idempotencyKey: request.idempotencyKey,
        });
        this.deps.notifier.publish([result.change]);
        if (result.created) this.deps.worker?.wake();
        return { workflow: result.workflow, created: result.created };
      },
    );
  }

  /**
   * The request's entity from the catalog; or, for a definition that brings
   * its entity into the catalog, the entity it names while the catalog does
   * not have it yet.
   */
  async #resolveEntity(
    request: CreateWorkflowRequest,
    entityRef: string,
  ): Promise<{ ref: string; owner?: string }> {
    try {
      return await resolveEntity(this.deps, entityRef);
    } catch (error) {
      const definition = request.definition
        ? this.deps.registry.definition(request.definition)
        : undefined;
      const params = definition?.pendingEntity
        ? definition.parameters.safeParse(request.parameters ?? {})
        : undefined;
      const pending = params?.success
        ? definition!.pendingEntity!(params.data)
        : undefined;
      const normalize = (ref: string) =>
        stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        );
      if (
        error instanceof InputError &&
        pending &&
        normalize(pending.entityRef) === normalize(entityRef)
      ) {
        return { ref: normalize(entityRef), owner: pending.ownerRef };
      }
      throw error;
    }
  }

  /** A page of what the caller may read: the read permission's filter applied in the query. */
  async #readablePage<T>(
    query: { offset?: number; limit?: number },
    context: CallContext,
    load: (page: {
      permission?: PermissionCriteria<WorkflowQuery>;
      offset: number;
      limit: number;
    }) => Promise<Page<T>>,
  ): Promise<Page<T>> {
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? 20, MAX_PAGE);
    const filter = await this.#filter(
      agenticWorkflowReadPermission,
      context.credentials,
    );
    if (filter === null) return { items: [], totalCount: 0, offset, limit };
    return load({ permission: filter, offset, limit });
  }

  async list(
    query: ListWorkflowsQuery,
    context: CallContext,
  ): Promise<Page<Workflow>> {
    return this.#readablePage(query, context, page =>
      this.deps.store.listWorkflows({
        entityRef: query.entityRef,
        status: query.status,
        definition: query.definition,
        ...page,
      }),
    );
  }

  async get(id: string, context: CallContext): Promise<WorkflowDetails> {
    await this.#authorized(
      id,
      agenticWorkflowReadPermission,
      context.credentials,
    );
    const details = await this.deps.store.getWorkflowDetails(id);
    if (!details) throw new NotFoundError(`No workflow with id ${id}`);
    return details;
  }

  async events(
    id: string,
    afterSeq: number,
    limit: number,
    context: CallContext,
  ) {
    await this.#authorized(
      id,
      agenticWorkflowReadPermission,
      context.credentials,
    );
    return this.deps.store.listEvents(id, afterSeq, Math.min(limit, 1000));
  }

  async cancel(id: string, context: CallContext) {
    await this.#authorized(
      id,
      agenticWorkflowCancelPermission,
      context.credentials,
    );
    return this.#audit(
      'workflow-cancel',
      context,
      { workflowId: id },
      async () => {
        const { workflow, change } = await this.deps.store.cancelWorkflow(
          id,
          principalRef(this.deps.auth, context.credentials),
        );
        this.deps.worker?.abortWorkflow(id);
        this.deps.notifier.publish([change]);
        return workflow;
      },
    );
  }

  async retryTask(workflowId: string, taskId: string, context: CallContext) {
    await this.#authorized(
      workflowId,
      agenticWorkflowRetryPermission,
      context.credentials,
    );
    return this.#audit('task-retry', context, { workflowId, taskId }, () =>
      this.#requeue(workflowId, taskId, context),
    );
  }

  async #requeue(workflowId: string, taskId: string, context: CallContext) {
    const task = (
      await this.deps.store.getWorkflowDetails(workflowId)
    )?.tasks.find(t => t.id === taskId);
    const { workflow, change } = await this.deps.store.requeueTask(
      workflowId,
      taskId,
      principalRef(this.deps.auth, context.credentials),
      this.deps.registry.maxAttempts(task?.type ?? ''),
    );
    this.deps.notifier.publish([change]);
    this.deps.worker?.wake();
    return workflow;
  }

  async listDeadLetters(query: ListDeadLettersQuery, context: CallContext) {
    return this.#readablePage(query, context, page =>
      this.deps.store.listDeadLetters({
        workflowId: query.workflowId,
        includeReplayed: query.includeReplayed,
        ...page,
      }),
    );
  }

  async replayDeadLetter(id: string, context: CallContext) {
    const letter = await this.deps.store.getDeadLetter(id);
    if (!letter) throw new NotFoundError(`No dead letter with id ${id}`);
    await this.#authorized(
      letter.workflowId,
      agenticWorkflowRetryPermission,
      context.credentials,
    );
    return this.#audit(
      'dead-letter-replay',
      context,
      {
        deadLetterId: id,
        workflowId: letter.workflowId,
        taskId: letter.taskId,
      },
      () => this.#requeue(letter.workflowId, letter.taskId, context),
    );
  }

  definitions() {
    return this.deps.registry.describe();
  }
}
