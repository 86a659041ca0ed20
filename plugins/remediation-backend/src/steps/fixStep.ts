import { redactSecrets } from '@agentic-devops/plugin-agentic-common';
import { RemoteTaskStep } from '@agentic-devops/plugin-agentic-node';
import {
  FixNotApplicableError,
  FixStepResult,
} from '@agentic-devops/plugin-remediation-node';
import { StepDeps } from './context';
import { fixBranchName } from './fingerprint';
import { mergeRequestText } from './mergeRequestText';
import {
  loadRemediation,
  RemediationTaskParams,
  remediationTaskParams,
} from './params';
import { TrackingWorkspace } from './TrackingWorkspace';

/**
 * Applies the playbook's fix: changes go to the fix's own branch and one
 * merge request per failure fingerprint; actions (retry, CI variable) act
 * at once. Then it starts the pipeline that verifies the fix.
 */
export function fixStep(deps: StepDeps): RemoteTaskStep<RemediationTaskParams> {
  return {
    type: 'remediation.fix',
    parameters: remediationTaskParams,
    async run({ remediationId }, { signal }) {
      const remediation = await loadRemediation(deps.store, remediationId);
      if (remediation.status === 'verifying') {
        return {
          status: 'done',
          output: {
            applied: true,
            ...(remediation.branch && { branch: remediation.branch }),
            ...(remediation.mergeRequestUrl && {
              mergeRequestUrl: remediation.mergeRequestUrl,
            }),
            verifyPipelineId: remediation.verifyPipelineId ?? null,
          },
        };
      }
      if (remediation.status !== 'fixing') {
        return {
          status: 'done',
          output: { applied: false, status: remediation.status },
        };
      }
      const diagnosis = remediation.diagnosis!;
      const plan = diagnosis.fix!;
      const stop = async (
        status: 'gave_up' | 'failed',
        summary: string,
        error?: string,
      ) => {
        const updated = await deps.store.update(
          remediationId,
          { status, summary, ...(error && { error }) },
          ['fixing'],
        );
        if (updated) deps.notifier.changed(updated);
        return {
          status: 'done' as const,
          output: { applied: false, status },
        };
      };

      const claim = await deps.store.claimAttempt(
        remediation.fingerprint!,
        remediationId,
        deps.settings.maxAttempts,
      );
      if (!claim.claimed) {
        return stop(
          'gave_up',
          `This failure was already attempted ${claim.attempts} times (the limit is ${deps.settings.maxAttempts}); it needs a person.`,
        );
      }
      remediation.attempt = claim.attempt;

      const steps = plan.steps.map(spec => ({
        spec,
        type: deps.stepTypes.get(spec.type),
      }));
      const missing = steps.find(s => !s.type);
      if (missing) {
        return stop(
          'failed',
          `The fix step type '${missing.spec.type}' is not installed.`,
          `unknown fix step type ${missing.spec.type}`,
        );
      }

      const source = deps.sources.of(remediation.job);
      const branch = steps.some(s => s.type!.kind === 'change')
        ? fixBranchName(deps.settings.branchPrefix, remediation.job, diagnosis)
        : undefined;
      const fixBranch = branch
        ? await source.openFixBranch(remediation.job, branch)
        : undefined;
      const workspace = new TrackingWorkspace(
        source,
        remediation.job,
        fixBranch,
      );

      const results: FixStepResult[] = [];
      try {
        for (const { spec, type } of steps) {
          const params = type!.parameters.parse(spec.with);
          results.push(
            await type!.apply({
              params,
              diagnosis,
              workspace,
              logger: deps.logger,
              signal,
            }),
          );
        }
      } catch (error) {
        if (error instanceof FixNotApplicableError) {
          return stop(
            'failed',
            `The fix could not be applied: ${error.message}`,
            error.message,
          );
        }
        throw error;
      }
      const summaries = results.map(r => redactSecrets(r.summary).text);

      let mergeRequestUrl: string | undefined;
      if (fixBranch && branch) {
        const text = mergeRequestText(remediation, summaries);
        const opened = await fixBranch.commitAndOpenMergeRequest(text);
        mergeRequestUrl = opened.mergeRequestUrl;
        await deps.store.recordFixBranch(remediation.fingerprint!, {
          branch,
          mergeRequestUrl,
        });
      }
      const verify =
        (branch
          ? await source.runPipeline(remediation.job, branch, signal)
          : workspace.retried) ??
        (await source.runPipeline(remediation.job, remediation.ref, signal));

      const updated = await deps.store.update(
        remediationId,
        {
          status: 'verifying',
          ...(branch && { branch }),
          ...(mergeRequestUrl && { mergeRequestUrl }),
          verifyPipelineId: verify.id,
          verifyPipelineUrl: verify.url ?? null,
          summary: `${summaries.join('; ')}${whereTheFixIs(
            branch,
            mergeRequestUrl,
          )}.`,
        },
        ['fixing'],
      );
      if (updated) deps.notifier.changed(updated);
      return {
        status: 'done',
        output: {
          applied: true,
          ...(branch && { branch }),
          ...(mergeRequestUrl && { mergeRequestUrl }),
          verifyPipelineId: verify.id,
        },
      };
    },
  };
}

function whereTheFixIs(branch?: string, mergeRequestUrl?: string): string {
  if (!branch) return '';
  if (!mergeRequestUrl) return ` (branch ${branch})`;
  return ` (branch ${branch}, merge request ${mergeRequestUrl})`;
}
