import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Page } from '@agentic-devops/plugin-agentic-common';
import {
  audited,
  CallContext,
  WorkflowService,
} from '@agentic-devops/plugin-agentic-node';
import {
  agenticRemediationApprovePermission,
  agenticRemediationCreatePermission,
  agenticRemediationReadPermission,
  Diagnosis,
  EvidenceLine,
  ListRemediationsQuery,
  LocalRunRequest,
  LocalRunResult,
  Remediation,
  RemediationStats,
} from '@agentic-devops/plugin-remediation-common';
import {
  FailedJob,
  IntakeResult,
  LogAnalyzer,
} from '@agentic-devops/plugin-remediation-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  ConditionTransformer,
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { findOwningEntity } from '../catalog/findOwningEntity';
import {
  RemediationQuery,
  RemediationStore,
  StoredRemediation,
} from '../database/RemediationStore';
import { toRemediation } from '../database/rows';
import { RemediationNotifier } from '../notify/RemediationNotifier';
import { RemediationSettings } from '../settings';
import { SourceRegistry } from '../SourceRegistry';
import {
  APPLY_APPROVED_WORKFLOW,
  PIPELINE_FAILURE_WORKFLOW,
} from '../workflows/definitions';

const MAX_PAGE = 200;

/**
 * What the Remediation agent offers, with its permission checks and audit
 * records: failures in (webhooks, local runs), records out (REST, MCP,
 * search), and owners' approvals of high-risk fixes.
 */
export class RemediationService {
  readonly #authorize: (
    decision: PolicyDecision,
    remediation: StoredRemediation,
  ) => boolean;
  readonly #toQuery: ConditionTransformer<RemediationQuery>;

  constructor(
    private readonly deps: {
      store: RemediationStore;
      sources: SourceRegistry;
      analyzer: LogAnalyzer;
      settings: RemediationSettings;
      notifier: RemediationNotifier;
      workflows: WorkflowService;
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      permissions: PermissionsService;
      ruleset: PermissionRuleset<StoredRemediation, RemediationQuery>;
      auditor: AuditorService;
      logger: LoggerService;
    },
  ) {
    this.#authorize = createConditionAuthorizer(deps.ruleset);
    this.#toQuery = createConditionTransformer(deps.ruleset);
  }

  /**
   * A failed job from a source: recorded once, and its remediation workflow
   * started once (the Planner's idempotency key covers a race between
   * replicas), however often the same job arrives.
   */
  async receive(
    job: FailedJob,
    hints: { entityRef?: string } = {},
  ): Promise<IntakeResult> {
    if (job.ref.startsWith(`${this.deps.settings.branchPrefix}/`)) {
      return {
        ignored: `${job.ref} is one of the agent's own fix branches; its pipeline verifies a fix`,
      };
    }
    const entity = await findOwningEntity(this.deps, job, hints.entityRef);
    const { remediation, created } = await this.deps.store.receive(job, entity);
    if (created || remediation.workflowIds.length === 0) {
      await this.#startWorkflow(remediation, PIPELINE_FAILURE_WORKFLOW, '');
    }
    if (created) {
      this.deps.logger.info(
        `Remediation ${remediation.id} for ${job.source} ${job.project} job ${job.jobId} (${job.jobName} on ${job.ref})`,
      );
      this.deps.notifier.changed(remediation);
    }
    return { remediationId: remediation.id, created };
  }

  async #startWorkflow(
    remediation: StoredRemediation,
    definition: string,
    keySuffix: string,
  ) {
    const { workflow } = await this.deps.workflows.create(
      {
        definition,
        parameters: { remediationId: remediation.id },
        entityRef: remediation.entityRef,
        idempotencyKey: `remediation:${remediation.id}${keySuffix}`,
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    await this.deps.store.addWorkflow(remediation.id, workflow.id);
    return workflow;
  }

  async #readFilter(
    credentials: BackstageCredentials,
  ): Promise<PermissionCriteria<RemediationQuery> | undefined | null> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: agenticRemediationReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW ? undefined : null;
    }
    return this.#toQuery(decision.conditions);
  }

  async #authorized(
    id: string,
    permission:
      | typeof agenticRemediationReadPermission
      | typeof agenticRemediationApprovePermission,
    credentials: BackstageCredentials,
  ): Promise<StoredRemediation> {
    const remediation = await this.deps.store.get(id);
    if (!remediation) throw new NotFoundError(`No remediation with id ${id}`);
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.#authorize(decision, remediation)) {
      if (permission === agenticRemediationReadPermission) {
        throw new NotFoundError(`No remediation with id ${id}`);
      }
      throw new NotAllowedError(
        `Not allowed to ${permission.name} remediation ${id}`,
      );
    }
    return remediation;
  }

  async list(
    query: ListRemediationsQuery,
    context: CallContext,
  ): Promise<Page<Remediation>> {
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? 20, MAX_PAGE);
    const permission = await this.#readFilter(context.credentials);
    if (permission === null) return { items: [], totalCount: 0, offset, limit };
    return this.deps.store.list({
      entityRef: query.entityRef,
      status: query.status,
      offset,
      limit,
      permission,
    });
  }

  async get(id: string, context: CallContext): Promise<Remediation> {
    return toRemediation(
      await this.#authorized(
        id,
        agenticRemediationReadPermission,
        context.credentials,
      ),
    );
  }

  /** The redacted end of the job log, as kept. */
  async log(id: string, context: CallContext): Promise<EvidenceLine[]> {
    const remediation = await this.#authorized(
      id,
      agenticRemediationReadPermission,
      context.credentials,
    );
    return remediation.logTail;
  }

  async stats(
    query: { entityRef?: string },
    context: CallContext,
  ): Promise<RemediationStats> {
    const permission = await this.#readFilter(context.credentials);
    if (permission === null) {
      return {
        total: 0,
        successRate: null,
        mttrSeconds: null,
        byStatus: {},
        topCauses: [],
      };
    }
    return this.deps.store.stats({ entityRef: query.entityRef, permission });
  }

  /**
   * The approver must own the failing entity (whatever the permission policy
   * says about the approve permission, which is checked too).
   */
  async #decidable(id: string, context: CallContext) {
    const remediation = await this.#authorized(
      id,
      agenticRemediationApprovePermission,
      context.credentials,
    );
    if (!this.deps.auth.isPrincipal(context.credentials, 'user')) {
      throw new NotAllowedError('Only a signed-in user can approve a fix');
    }
    if (remediation.entityOwnerRef) {
      const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
        context.credentials,
      );
      const owner = remediation.entityOwnerRef.toLocaleLowerCase('en-US');
      if (
        !ownershipEntityRefs.some(r => r.toLocaleLowerCase('en-US') === owner)
      ) {
        throw new NotAllowedError(
          `Only the owners of ${remediation.entityRef} (${remediation.entityOwnerRef}) can decide on this fix`,
        );
      }
    }
    if (remediation.status !== 'awaiting_approval') {
      throw new ConflictError(
        `Remediation ${id} is ${remediation.status}, not awaiting approval`,
      );
    }
    return remediation;
  }

  async approve(id: string, comment: string | undefined, context: CallContext) {
    return audited(
      this.deps,
      'remediation-approve',
      context,
      { remediationId: id },
      async () => {
        await this.#decidable(id, context);
        const by = (context.credentials.principal as { userEntityRef: string })
          .userEntityRef;
        const updated = await this.deps.store.update(
          id,
          {
            status: 'fixing',
            approval: {
              decision: 'approved',
              by,
              at: new Date().toISOString(),
              ...(comment && { comment }),
            },
          },
          ['awaiting_approval'],
        );
        if (!updated) {
          throw new ConflictError(`Remediation ${id} was decided meanwhile`);
        }
        await this.#startWorkflow(
          updated,
          APPLY_APPROVED_WORKFLOW,
          ':approved',
        );
        this.deps.notifier.changed(updated);
        return toRemediation((await this.deps.store.get(id)) ?? updated);
      },
    );
  }

  async reject(id: string, comment: string | undefined, context: CallContext) {
    return audited(
      this.deps,
      'remediation-reject',
      context,
      { remediationId: id },
      async () => {
        await this.#decidable(id, context);
        const by = (context.credentials.principal as { userEntityRef: string })
          .userEntityRef;
        const updated = await this.deps.store.update(
          id,
          {
            status: 'rejected',
            approval: {
              decision: 'rejected',
              by,
              at: new Date().toISOString(),
              ...(comment && { comment }),
            },
            summary: `${by} rejected the fix${comment ? `: ${comment}` : ''}.`,
          },
          ['awaiting_approval'],
        );
        if (!updated) {
          throw new ConflictError(`Remediation ${id} was decided meanwhile`);
        }
        this.deps.notifier.changed(updated);
        await this.deps.notifier
          .notifyOwners(updated)
          .catch(error =>
            this.deps.logger.warn(`Could not notify about ${id}: ${error}`),
          );
        return toRemediation(updated);
      },
    );
  }

  /** Diagnoses a log (streamed) with the portal's playbooks; nothing is stored. */
  async analyze(
    log: AsyncIterable<Buffer | string> | string,
  ): Promise<Diagnosis> {
    const input =
      typeof log === 'string'
        ? (async function* text() {
            yield log;
          })()
        : log;
    return (await this.deps.analyzer.analyze(input)).diagnosis;
  }

  /** Runs a local repository's pipeline (the embedded default) and remediates its failures. */
  async runLocal(
    request: LocalRunRequest,
    context: CallContext,
  ): Promise<LocalRunResult> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: agenticRemediationCreatePermission }],
      { credentials: context.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to start remediations');
    }
    const local = this.deps.sources.find('local');
    if (!local?.runRepositoryPipeline) {
      throw new NotFoundError(
        'Local pipelines are not enabled in this portal (remediation.local.enabled)',
      );
    }
    if (!request.repoDir) throw new InputError('repoDir is required');
    return audited(
      this.deps,
      'remediation-local-run',
      context,
      { repoDir: request.repoDir, ref: request.ref ?? null },
      async () => {
        const entityRef = request.entityRef;
        // Fail early on a bad entity ref, before running anything.
        if (entityRef) await findOwningEntity(this.deps, {} as any, entityRef);
        const { pipeline, failedJobs } = await local.runRepositoryPipeline!(
          request.repoDir,
          { ref: request.ref },
        );
        const remediations: Remediation[] = [];
        for (const job of failedJobs) {
          const result = await this.receive(job, { entityRef });
          if ('remediationId' in result) {
            const stored = await this.deps.store.get(result.remediationId);
            if (stored) remediations.push(toRemediation(stored));
          }
        }
        return {
          pipeline: {
            id: pipeline.id,
            status: pipeline.status,
            ref: pipeline.ref,
          },
          remediations,
        };
      },
    );
  }
}
