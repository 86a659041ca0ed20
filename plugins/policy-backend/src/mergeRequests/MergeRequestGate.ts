import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { PolicyScan } from '@agentic-devops/plugin-policy-common';
import {
  MergeRequestGateIntake,
  MergeRequestRef,
  MergeRequestSource,
} from '@agentic-devops/plugin-policy-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { entityOfProject } from '../catalog/entityOfProject';
import { blockingFindings } from '../service/blockingFindings';
import { PolicyService } from '../service/PolicyService';
import { PolicySettings } from '../settings';
import {
  POLICY_NOTE_MARKER,
  renderNote,
  statusDescription,
} from './renderNote';
import { writeChangedFiles } from './writeChangedFiles';

/** The commit status a project can require before merging. */
export const POLICY_STATUS_NAME = 'agentic/policy';

/** One scan per merge request head, whoever delivers it and however often. */
export const mergeRequestScanKey = (mr: MergeRequestRef) =>
  `mr:${mr.source}:${mr.project}!${mr.number}@${mr.headSha}`;

/**
 * Gates the merge requests of one source: scans the changed files of each
 * new head, records the scan for the project's entity, keeps one note on
 * the merge request up to date and sets the `agentic/policy` commit status.
 * A head already scanned is not scanned again; its note and status are
 * written again from the stored scan (which also completes a review that
 * stopped half-way).
 */
export class MergeRequestGate implements MergeRequestGateIntake {
  constructor(
    private readonly deps: {
      source: MergeRequestSource;
      policy: PolicyService;
      catalog: CatalogService;
      auth: AuthService;
      settings: PolicySettings;
      logger: LoggerService;
    },
  ) {}

  async review(mergeRequest: MergeRequestRef): Promise<void> {
    const { source, policy, settings } = this.deps;
    const key = mergeRequestScanKey(mergeRequest);
    let scan: PolicyScan;
    try {
      scan =
        (await policy.findScanByKey(key)) ??
        (await this.#scan(mergeRequest, key));
    } catch (error) {
      // Say so on the commit rather than leave it pending; a redelivery tries again.
      await source
        .setCommitStatus(mergeRequest, {
          name: POLICY_STATUS_NAME,
          state: 'failed',
          description: `Could not scan: ${(error as Error).message}`.slice(
            0,
            240,
          ),
        })
        .catch(() => undefined);
      throw error;
    }
    const failing = blockingFindings(scan.findings, settings.failOn);
    await source.upsertNote(
      mergeRequest,
      POLICY_NOTE_MARKER,
      renderNote(scan, {
        failOn: settings.failOn,
        portalUrl: settings.portalUrl,
      }),
    );
    await source.setCommitStatus(mergeRequest, {
      name: POLICY_STATUS_NAME,
      state: failing.length ? 'failed' : 'success',
      description: statusDescription(scan, settings.failOn),
      ...(settings.portalUrl && {
        targetUrl: `${settings.portalUrl.replace(/\/$/, '')}/agentic/policy`,
      }),
    });
  }

  async #scan(mr: MergeRequestRef, key: string): Promise<PolicyScan> {
    const { source, policy, logger } = this.deps;
    await source.setCommitStatus(mr, {
      name: POLICY_STATUS_NAME,
      state: 'pending',
      description: 'Scanning the changed files',
    });
    const files = await source.changedFiles(mr);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'agentic-policy-mr-'));
    try {
      const rejected = await writeChangedFiles(dir, files);
      const report = await policy.scan([dir], { cwd: dir });
      const errors = [...rejected, ...report.errors];
      const entityRef = await entityOfProject(this.deps, mr.source, mr.project);
      const scan = await policy.recordScan(
        {
          ...report,
          errors,
          summary: { ...report.summary, errors: errors.length },
        },
        {
          entityRef,
          trigger: 'merge_request',
          target: mr.project,
          commitSha: mr.headSha,
          mergeRequestUrl: mr.webUrl,
          idempotencyKey: key,
        },
      );
      logger.info(
        `Policy scan ${scan.id} of ${mr.source} ${mr.project}!${mr.number} at ${mr.headSha}: ${files.length} changed files, ${scan.summary.findings} open findings`,
      );
      return scan;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}
