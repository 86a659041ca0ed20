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
  resolveEntity,
} from '@agentic-devops/plugin-agentic-node';
import {
  agenticPolicyReadPermission,
  agenticPolicyScanPermission,
  agenticPolicyWaiverApprovePermission,
  agenticPolicyWaiverRequestPermission,
  ComplianceReport,
  complianceReportToCsv,
  ListScansQuery,
  PolicyScan,
  ScanReport,
  scanReportSchema,
  ScanTrendPoint,
  ScanTrigger,
  scanTriggerSchema,
  summarize,
  Waiver,
  waiverRequestSchema,
  WaiverStatus,
} from '@agentic-devops/plugin-policy-common';
import { PolicyScanner } from '@agentic-devops/plugin-policy-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { localSourceFolder } from '../catalog/localSourceFolder';
import {
  PolicyStore,
  StoredWaiver,
  WaiverQuery,
} from '../database/PolicyStore';
import { toPublicWaiver } from '../database/rows';
import { PolicySettings } from '../settings';
import { matchWaiver } from '../waivers/matchWaiver';
import { FULL_SCAN_TRIGGERS } from './fullScans';

const MAX_PAGE = 200;
const TREND_POINTS = 100;
const DAY_MS = 24 * 60 * 60_000;

/** Where a scan comes from and what it is of. */
export interface ScanMeta {
  /** Resolved through the catalog; the entity must exist. */
  entityRef?: string;
  trigger: ScanTrigger;
  /** The GitLab project, or the folder scanned. */
  target: string;
  commitSha?: string;
  mergeRequestUrl?: string;
  /** A scan with this key is recorded once (a merge request's head). */
  idempotencyKey?: string;
}

/** `POST /scans`: a report scanned elsewhere (the scaffolder action). */
export const recordScanRequestSchema = z.strictObject({
  report: scanReportSchema,
  entityRef: z.string().min(1).optional(),
  trigger: scanTriggerSchema,
  target: z.string().min(1),
  commitSha: z.string().min(1).optional(),
});

const prettify = (error: z.ZodError) =>
  z.prettifyError(error).replace(/\n/g, '; ');

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * What the Policy agent offers, with its permission checks and audit
 * records: scans recorded with waivers applied (merge requests, the
 * scaffolder, workflows, on request), results for the portal, and waivers
 * that owners approve.
 */
export class PolicyService {
  readonly #authorize: (
    decision: PolicyDecision,
    waiver: StoredWaiver,
  ) => boolean;

  constructor(
    private readonly deps: {
      store: PolicyStore;
      scanner: PolicyScanner;
      settings: PolicySettings;
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      permissions: PermissionsService;
      ruleset: PermissionRuleset<StoredWaiver, WaiverQuery>;
      auditor: AuditorService;
      logger: LoggerService;
      now?: () => number;
    },
  ) {
    this.#authorize = createConditionAuthorizer(deps.ruleset);
  }

  #now() {
    return (this.deps.now ?? Date.now)();
  }

  /** Ids of the enabled rules. */
  get ruleIds(): string[] {
    return this.deps.scanner.rules.map(r => r.spec.id);
  }

  async #require(
    permission: BasicPermission,
    credentials: BackstageCredentials,
    what: string,
  ) {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to ${what} (${permission.name})`);
    }
  }

  async #ownCredentials(): Promise<CallContext> {
    return { credentials: await this.deps.auth.getOwnServiceCredentials() };
  }

  // Scanning and recording

  /** Scans files and folders with the configured rules and sources; records nothing. */
  scan(
    paths: string[],
    options: { cwd?: string; signal?: AbortSignal } = {},
  ): Promise<ScanReport> {
    return this.deps.scanner.scan(paths, options);
  }

  /**
   * Records a scan: the entity's approved, unexpired waivers applied (each
   * finding they cover is marked and every use audited), the summary
   * counting the open findings. With an idempotency key already recorded,
   * the earlier scan is returned.
   */
  async recordScan(
    report: ScanReport,
    meta: ScanMeta,
    context?: CallContext,
  ): Promise<PolicyScan> {
    const parsed = scanReportSchema.safeParse(report);
    if (!parsed.success) {
      throw new InputError(`Invalid scan report: ${prettify(parsed.error)}`);
    }
    const entity = meta.entityRef
      ? await resolveEntity(this.deps, meta.entityRef)
      : undefined;
    const waivers = entity
      ? await this.deps.store.applicableWaivers(
          entity.ref,
          new Date(this.#now()),
        )
      : [];
    const uses = new Map<string, number>();
    const findings: PolicyScan['findings'] = parsed.data.findings.map(
      finding => {
        const waiver = matchWaiver(finding, waivers);
        if (!waiver) return finding;
        uses.set(waiver.id, (uses.get(waiver.id) ?? 0) + 1);
        return { ...finding, waiverId: waiver.id };
      },
    );
    const { scan, created } = await this.deps.store.recordScan(
      {
        entityRef: entity?.ref,
        entityOwnerRef: entity?.owner,
        trigger: meta.trigger,
        target: meta.target,
        commitSha: meta.commitSha,
        mergeRequestUrl: meta.mergeRequestUrl,
        idempotencyKey: meta.idempotencyKey,
        ruleIds: this.ruleIds,
        summary: summarize({
          files: parsed.data.summary.files,
          resources: parsed.data.summary.resources,
          findings: findings.filter(f => !f.waiverId),
          errors: parsed.data.errors,
        }),
        findings,
        errors: parsed.data.errors,
      },
      uses,
    );
    if (created) {
      const caller = context ?? (await this.#ownCredentials());
      for (const finding of scan.findings.filter(f => f.waiverId)) {
        await audited(
          this.deps,
          'policy-waiver-use',
          caller,
          {
            waiverId: finding.waiverId!,
            scanId: scan.id,
            entityRef: scan.entityRef ?? null,
            ruleId: finding.ruleId,
            resource: finding.resource,
            file: finding.file,
            line: finding.line,
          },
          async () => undefined,
        );
      }
    }
    return scan;
  }

  /** Scans a folder (or file) and records the scan. */
  async scanPath(
    target: string,
    meta: Omit<ScanMeta, 'target'>,
    context?: CallContext & { signal?: AbortSignal },
  ): Promise<PolicyScan> {
    const absolute = path.resolve(target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new InputError(`${absolute} does not exist`);
    }
    const cwd = stat.isDirectory() ? absolute : path.dirname(absolute);
    const report = await this.scan([absolute], {
      cwd,
      signal: context?.signal,
    });
    return this.recordScan(report, { ...meta, target: absolute }, context);
  }

  /** `POST /scans`: services (the scaffolder module) and users allowed to scan. */
  async recordReport(body: unknown, context: CallContext): Promise<PolicyScan> {
    if (!this.deps.auth.isPrincipal(context.credentials, 'service')) {
      await this.#require(
        agenticPolicyScanPermission,
        context.credentials,
        'record policy scans',
      );
    }
    const request = recordScanRequestSchema.safeParse(body);
    if (!request.success) throw new InputError(prettify(request.error));
    const { report, ...meta } = request.data;
    return audited(
      this.deps,
      'policy-scan-record',
      context,
      {
        entityRef: meta.entityRef ?? null,
        trigger: meta.trigger,
        target: meta.target,
      },
      () => this.recordScan(report, meta, context),
    );
  }

  /** `POST /scans/run`: scans an entity's local source folder. */
  async runEntityScan(
    body: { entityRef: string },
    context: CallContext,
  ): Promise<PolicyScan> {
    await this.#require(
      agenticPolicyScanPermission,
      context.credentials,
      'run policy scans',
    );
    const { ref } = await resolveEntity(this.deps, body.entityRef);
    const entity = await this.deps.catalog.getEntityByRef(
      ref,
      await this.#ownCredentials(),
    );
    if (!entity) throw new InputError(`Entity ${ref} is not in the catalog`);
    const folder = localSourceFolder(entity);
    return audited(
      this.deps,
      'policy-scan-run',
      context,
      { entityRef: ref, folder },
      () => this.scanPath(folder, { entityRef: ref, trigger: 'api' }, context),
    );
  }

  // Reading

  async listScans(
    query: ListScansQuery & { triggers?: ScanTrigger[] },
    context: CallContext,
  ): Promise<Page<PolicyScan>> {
    await this.#require(
      agenticPolicyReadPermission,
      context.credentials,
      'read policy scans',
    );
    return this.deps.store.listScans({
      entityRef: query.entityRef,
      triggers: query.triggers,
      offset: query.offset ?? 0,
      limit: Math.min(query.limit ?? 20, MAX_PAGE),
    });
  }

  async getScan(id: string, context: CallContext): Promise<PolicyScan> {
    await this.#require(
      agenticPolicyReadPermission,
      context.credentials,
      'read policy scans',
    );
    const scan = await this.deps.store.getScan(id);
    if (!scan) throw new NotFoundError(`No policy scan with id ${id}`);
    return scan;
  }

  findScanByKey(idempotencyKey: string) {
    return this.deps.store.findScanByKey(idempotencyKey);
  }

  /** The entity's full scans over time (merge request scans left out). */
  async trend(
    entityRef: string,
    context: CallContext,
  ): Promise<ScanTrendPoint[]> {
    await this.#require(
      agenticPolicyReadPermission,
      context.credentials,
      'read policy scans',
    );
    return this.deps.store.trend(entityRef, {
      triggers: [...FULL_SCAN_TRIGGERS],
      limit: TREND_POINTS,
    });
  }

  /** Over the latest full scan of each entity, with the rules as configured now. */
  async report(context: CallContext): Promise<ComplianceReport> {
    await this.#require(
      agenticPolicyReadPermission,
      context.credentials,
      'read the compliance report',
    );
    return this.deps.store.complianceReport({
      rules: this.deps.scanner.rules.map(r => ({
        id: r.spec.id,
        severity: r.severity,
        frameworks: r.spec.frameworks,
      })),
      triggers: [...FULL_SCAN_TRIGGERS],
    });
  }

  async reportCsv(context: CallContext): Promise<string> {
    return complianceReportToCsv(await this.report(context));
  }

  // Waivers

  async listWaivers(
    query: { entityRef?: string; status?: WaiverStatus[] },
    context: CallContext,
  ): Promise<Waiver[]> {
    await this.#require(
      agenticPolicyReadPermission,
      context.credentials,
      'read policy waivers',
    );
    return (await this.deps.store.listWaivers(query)).map(toPublicWaiver);
  }

  /** A waiver applies only once an owner of its entity approves it. */
  async requestWaiver(body: unknown, context: CallContext): Promise<Waiver> {
    await this.#require(
      agenticPolicyWaiverRequestPermission,
      context.credentials,
      'request policy waivers',
    );
    if (!this.deps.auth.isPrincipal(context.credentials, 'user')) {
      throw new NotAllowedError('Only a signed-in user can request a waiver');
    }
    const requestedBy = context.credentials.principal.userEntityRef;
    const parsed = waiverRequestSchema.safeParse(body);
    if (!parsed.success) throw new InputError(prettify(parsed.error));
    const request = parsed.data;
    const expiresAt = Date.parse(request.expiresAt);
    const now = this.#now();
    const { waiverMaxDays } = this.deps.settings;
    if (expiresAt <= now) {
      throw new InputError(
        `expiresAt must be in the future, got ${request.expiresAt}`,
      );
    }
    if (expiresAt > now + waiverMaxDays * DAY_MS) {
      throw new InputError(
        `expiresAt must be at most ${waiverMaxDays} days ahead (policy.waivers.maxDays), got ${request.expiresAt}`,
      );
    }
    if (!this.ruleIds.includes(request.ruleId)) {
      throw new InputError(
        `No enabled policy rule '${request.ruleId}' in this portal`,
      );
    }
    return audited(
      this.deps,
      'policy-waiver-request',
      context,
      {
        ruleId: request.ruleId,
        entityRef: request.entityRef,
        resourcePattern: request.resourcePattern,
        expiresAt: request.expiresAt,
      },
      async () => {
        const entity = await resolveEntity(this.deps, request.entityRef);
        const waiver = await this.deps.store.createWaiver(
          { ...request, entityRef: entity.ref },
          { requestedBy, entityOwnerRef: entity.owner },
        );
        this.deps.logger.info(
          `Policy waiver ${waiver.id} requested by ${requestedBy}: ${waiver.ruleId} on ${waiver.entityRef} (${waiver.resourcePattern}) until ${waiver.expiresAt}`,
        );
        return toPublicWaiver(waiver);
      },
    );
  }

  approveWaiver(id: string, context: CallContext) {
    return this.#decide(id, 'approved', context);
  }

  rejectWaiver(id: string, context: CallContext) {
    return this.#decide(id, 'rejected', context);
  }

  /**
   * Only an owner of the waiver's entity (as the catalog has it now) decides,
   * and only with the approve permission; only a pending waiver.
   */
  async #decide(
    id: string,
    status: 'approved' | 'rejected',
    context: CallContext,
  ): Promise<Waiver> {
    const verb = status === 'approved' ? 'approve' : 'reject';
    return audited(
      this.deps,
      `policy-waiver-${verb}`,
      context,
      { waiverId: id },
      async () => {
        const waiver = await this.deps.store.getWaiver(id);
        if (!waiver) throw new NotFoundError(`No policy waiver with id ${id}`);
        const [decision] = await this.deps.permissions.authorizeConditional(
          [{ permission: agenticPolicyWaiverApprovePermission }],
          { credentials: context.credentials },
        );
        if (!this.#authorize(decision, waiver)) {
          throw new NotAllowedError(
            `Not allowed to ${verb} policy waiver ${id} (${agenticPolicyWaiverApprovePermission.name})`,
          );
        }
        if (!this.deps.auth.isPrincipal(context.credentials, 'user')) {
          throw new NotAllowedError(
            `Only a signed-in user can ${verb} a waiver`,
          );
        }
        const { owner } = await resolveEntity(this.deps, waiver.entityRef);
        if (!owner) {
          throw new NotAllowedError(
            `${waiver.entityRef} has no owner in the catalog, so nobody can ${verb} its waivers`,
          );
        }
        const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
          context.credentials,
        );
        if (!ownershipEntityRefs.some(r => lower(r) === lower(owner))) {
          throw new NotAllowedError(
            `Only the owners of ${waiver.entityRef} (${owner}) can ${verb} its waivers`,
          );
        }
        if (waiver.status !== 'pending') {
          throw new ConflictError(
            `Policy waiver ${id} is ${waiver.status}, not pending`,
          );
        }
        const by = context.credentials.principal.userEntityRef;
        const decided = await this.deps.store.decideWaiver(id, {
          status,
          by,
          entityOwnerRef: owner,
        });
        if (!decided) {
          throw new ConflictError(
            `Policy waiver ${id} was decided meanwhile, or has expired`,
          );
        }
        this.deps.logger.info(`Policy waiver ${id} ${status} by ${by}`);
        return toPublicWaiver(decided);
      },
    );
  }

  /** Marks waivers past their expiry (the scheduler runs this); each one audited. */
  async expireWaivers(): Promise<number> {
    const expired = await this.deps.store.expireWaivers();
    const context = await this.#ownCredentials();
    for (const waiver of expired) {
      await audited(
        this.deps,
        'policy-waiver-expire',
        context,
        {
          waiverId: waiver.id,
          ruleId: waiver.ruleId,
          entityRef: waiver.entityRef,
          expiresAt: waiver.expiresAt,
        },
        async () => undefined,
      );
    }
    if (expired.length) {
      this.deps.logger.info(`Policy waivers expired: ${expired.length}`);
    }
    return expired.length;
  }
}
