import { AuthService } from '@backstage/backend-plugin-api';
import {
  NonRetryableTaskError,
  RemoteTaskStep,
} from '@agentic-devops/plugin-agentic-node';
import { severitySchema } from '@agentic-devops/plugin-policy-common';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { blockingFindings } from '../service/blockingFindings';
import { PolicyService } from '../service/PolicyService';
import { PolicySettings } from '../settings';

export const POLICY_CHECK_TASK = 'policy.check';

export const policyCheckParams = z.strictObject({
  /** An absolute path on the backend's host: a workspace folder, or one file. */
  path: z
    .string()
    .min(1)
    .refine(p => path.isAbsolute(p), 'must be an absolute path'),
  /** Whose scan it is; default the workflow's entity. */
  entityRef: z.string().min(1).optional(),
  /** Fail on findings at or above this; default policy.gate.failOn. */
  failOn: severitySchema.optional(),
});
export type PolicyCheckParams = z.infer<typeof policyCheckParams>;

const MAX_LISTED = 10;

/**
 * `policy.check`, run in the policy plugin for the Planner: scans the path,
 * records the scan for the entity, and fails the task (without retries) on
 * open findings at or above `failOn`, naming them.
 */
export function policyCheckStep(deps: {
  policy: PolicyService;
  settings: PolicySettings;
  auth: AuthService;
}): RemoteTaskStep<PolicyCheckParams> {
  return {
    type: POLICY_CHECK_TASK,
    parameters: policyCheckParams,
    async run(params, request) {
      const failOn = params.failOn ?? deps.settings.failOn;
      assertWithinRoots(params.path, deps.settings.checkRoots);
      let scan;
      try {
        scan = await deps.policy.scanPath(
          params.path,
          {
            entityRef: params.entityRef ?? request.workflow.entityRef,
            trigger: 'workflow',
          },
          {
            credentials: await deps.auth.getOwnServiceCredentials(),
            signal: request.signal,
          },
        );
      } catch (error) {
        // A missing path or an unknown entity will not get better by retrying.
        if (error instanceof InputError) {
          throw new NonRetryableTaskError(error.message);
        }
        throw error;
      }
      const blocking = blockingFindings(scan.findings, failOn);
      if (blocking.length) {
        const listed = blocking
          .slice(0, MAX_LISTED)
          .map(
            f =>
              `${f.severity} ${f.ruleId} at ${f.file}${
                f.line ? `:${f.line}` : ''
              } (${f.resource})`,
          )
          .join('; ');
        const more =
          blocking.length > MAX_LISTED
            ? `; and ${blocking.length - MAX_LISTED} more`
            : '';
        throw new NonRetryableTaskError(
          `${blocking.length} policy finding${
            blocking.length === 1 ? '' : 's'
          } at ${failOn} or above in ${params.path} (scan ${
            scan.id
          }): ${listed}${more}`,
        );
      }
      return {
        status: 'done',
        output: {
          scanId: scan.id,
          failOn,
          findings: scan.summary.findings,
          bySeverity: scan.summary.bySeverity,
          waived: scan.findings.filter(f => f.waiverId).length,
          errors: scan.errors.length,
        },
      };
    },
  };
}

/**
 * Anyone who may start a workflow may ask for a policy.check: where
 * `policy.check.roots` is set, only folders below them (symbolic links
 * followed) may be scanned.
 */
function assertWithinRoots(target: string, roots: string[] | undefined) {
  if (!roots) return;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const resolved = real(target);
  const inside = roots.map(real).some(root => {
    const relative = path.relative(root, resolved);
    return (
      relative === '' ||
      (!relative.startsWith('..') && !path.isAbsolute(relative))
    );
  });
  if (!inside) {
    throw new NonRetryableTaskError(
      `${target} is outside the folders policy.check may scan (policy.check.roots: ${roots.join(
        ', ',
      )})`,
    );
  }
}
