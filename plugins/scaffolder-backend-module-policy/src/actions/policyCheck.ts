import {
  Finding,
  isAtLeast,
  Severity,
  SEVERITIES,
} from '@agentic-devops/plugin-policy-common';
import { PolicyScanner } from '@agentic-devops/plugin-policy-node';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import { ScanRecord } from '../PolicyScanRecorder';
import { examples } from './policyCheck.examples';

export const POLICY_CHECK_ACTION_ID = 'agentic:policy:check';

/** What the action scans with: policy-node's `createPolicyScanner`. */
export type WorkspaceScanner = Pick<PolicyScanner, 'scan'>;

/** Where scans are stored: the policy plugin (see PolicyScanRecorder). */
export interface ScanRecorder {
  record(
    scan: ScanRecord,
    options?: { signal?: AbortSignal },
  ): Promise<{ id?: string }>;
}

/** One finding as a line of the task log. */
export function describeFinding(finding: Finding): string {
  const where = `${finding.file}:${finding.line}`;
  // A file's own findings (secrets) are named by the file: say it once.
  const resource =
    finding.resource === finding.file || finding.resource === where
      ? ''
      : ` ${finding.resource}`;
  const unknown =
    finding.status === 'unknown' ? ' [cannot be known before apply]' : '';
  const detail = finding.detail ? ` (${finding.detail})` : '';
  return `[${finding.severity}] ${finding.ruleId} ${where}${resource}${unknown}: ${finding.message}${detail} Fix: ${finding.remediation}`;
}

/**
 * `agentic:policy:check`: scans (part of) the workspace against the policy
 * rules, logs every finding to the task log, records the scan with the
 * policy plugin, and fails the run on findings at or above `failOn`.
 */
export function createPolicyCheckAction(options: {
  scanner: WorkspaceScanner;
  recorder: ScanRecorder;
}) {
  const { scanner, recorder } = options;
  return createTemplateAction({
    id: POLICY_CHECK_ACTION_ID,
    description:
      'Scans the workspace (Terraform, Kubernetes manifests, Dockerfiles, secrets in any file) against the policy rules and fails the run on findings at or above a severity',
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          path: z
            .string()
            .optional()
            .describe(
              "What to scan, relative to the workspace (a folder or a file); default '.'",
            ),
          failOn: z
            .enum(SEVERITIES)
            .optional()
            .describe(
              'Fail the run on findings of this severity or worse; default high',
            ),
          entityRef: z
            .string()
            .optional()
            .describe(
              'The entity the scanned code belongs to, for its trend and the compliance report',
            ),
        }),
      output: z =>
        z.object({
          findings: z.number().describe('How many findings the scan made'),
          bySeverity: z
            .record(z.enum(SEVERITIES), z.number())
            .describe('Findings per severity'),
          report: z
            .object({})
            .passthrough()
            .describe('The scan report: findings, summary and errors'),
        }),
    },
    async handler(ctx) {
      const relativePath = ctx.input.path ?? '.';
      const failOn: Severity = ctx.input.failOn ?? 'high';
      let target: string;
      try {
        target = resolveSafeChildPath(ctx.workspacePath, relativePath);
      } catch {
        throw new InputError(
          `Policy check: path '${relativePath}' is outside the workspace`,
        );
      }
      if (!fs.existsSync(target)) {
        throw new InputError(
          `Policy check: path '${relativePath}' does not exist in the workspace`,
        );
      }

      ctx.logger.info(
        `Scanning ${relativePath} against the policy rules (failing on ${failOn} or worse)`,
      );
      const report = await scanner.scan([target], {
        cwd: ctx.workspacePath,
        signal: ctx.signal,
      });

      const blocking = report.findings.filter(f =>
        isAtLeast(f.severity, failOn),
      );
      for (const finding of report.findings) {
        const line = describeFinding(finding);
        if (isAtLeast(finding.severity, failOn)) ctx.logger.error(line);
        else ctx.logger.warn(line);
      }
      for (const error of report.errors) {
        ctx.logger.warn(`Not scanned: ${error.file}: ${error.error}`);
      }
      const { summary } = report;
      ctx.logger.info(
        `${summary.files} files, ${summary.resources} resources, ${
          summary.findings
        } findings (${SEVERITIES.map(s => `${summary.bySeverity[s]} ${s}`).join(
          ', ',
        )}), ${summary.errors} not scanned`,
      );

      if (ctx.isDryRun) {
        ctx.logger.info('Dry run: the scan is not recorded');
      } else {
        try {
          const { id } = await recorder.record(
            {
              report,
              entityRef: ctx.input.entityRef,
              trigger: 'scaffolder',
              target: ctx.templateInfo?.entity?.metadata.name ?? 'scaffolder',
            },
            { signal: ctx.signal },
          );
          ctx.logger.info(
            `Scan recorded in the policy plugin${id ? ` as ${id}` : ''}`,
          );
        } catch (error) {
          // The check itself stands without the record; the trend just misses a point.
          ctx.logger.warn(
            `Could not record the scan in the policy plugin: ${
              (error as Error).message ?? String(error)
            }`,
          );
        }
      }

      ctx.output('findings', summary.findings);
      ctx.output('bySeverity', summary.bySeverity);
      ctx.output('report', report);

      if (blocking.length > 0) {
        throw new Error(
          `Policy check failed: ${blocking.length} finding${
            blocking.length === 1 ? '' : 's'
          } at ${failOn} or worse:\n${blocking
            .map(f => `- ${describeFinding(f)}`)
            .join('\n')}`,
        );
      }
    },
  });
}
