import { RemoteTaskStep } from '@agentic-devops/plugin-agentic-node';
import { RemediationStatus } from '@agentic-devops/plugin-remediation-common';
import { StoredRemediation } from '../database/RemediationStore';
import { StepDeps } from './context';
import {
  loadRemediation,
  RemediationTaskParams,
  remediationTaskParams,
} from './params';

export type Decision = 'explain' | 'give-up' | 'await-approval' | 'fix';

const decisionOf: Partial<Record<RemediationStatus, Decision>> = {
  not_fixable: 'explain',
  gave_up: 'give-up',
  awaiting_approval: 'await-approval',
  rejected: 'await-approval',
};

/** Why the agent does not act, in words for people. */
function explain(remediation: StoredRemediation): string {
  const d = remediation.diagnosis!;
  if (d.category === 'unknown') {
    return 'The cause could not be determined with confidence; nothing was changed.';
  }
  if (
    ['test_failure', 'compilation_error', 'lint_failure'].includes(d.category)
  ) {
    return `A ${d.category.replace(
      /_/g,
      ' ',
    )} means the code itself needs a change by its owners; the agent does not auto-fix these.`;
  }
  return 'No playbook fix applies to this failure; nothing was changed.';
}

/**
 * Decides by the risk tier: never-fixed categories are explained; a failure
 * that used up its attempts is given up; high risk waits for an owner's
 * approval; low and medium go ahead.
 */
export function decideStep(
  deps: StepDeps,
): RemoteTaskStep<RemediationTaskParams> {
  return {
    type: 'remediation.decide',
    parameters: remediationTaskParams,
    async run({ remediationId }) {
      const remediation = await loadRemediation(deps.store, remediationId);
      const decided =
        decisionOf[remediation.status] ??
        (remediation.status === 'diagnosing' ||
        remediation.status === 'received'
          ? undefined
          : 'fix');
      if (decided) return { status: 'done', output: { decision: decided } };
      const diagnosis = remediation.diagnosis;
      if (!diagnosis) {
        throw new Error(`Remediation ${remediationId} was not diagnosed yet`);
      }

      let decision: Decision;
      let patch: Parameters<StepDeps['store']['update']>[1];
      const fix = remediation.fingerprint
        ? await deps.store.getFix(remediation.fingerprint)
        : undefined;
      if (!diagnosis.autoFixable || !diagnosis.fix) {
        decision = 'explain';
        patch = { status: 'not_fixable', summary: explain(remediation) };
      } else if (
        remediation.attempt === 0 &&
        (fix?.attempts ?? 0) >= deps.settings.maxAttempts
      ) {
        decision = 'give-up';
        patch = {
          status: 'gave_up',
          summary: `This failure was already attempted ${
            fix!.attempts
          } times (the limit is ${
            deps.settings.maxAttempts
          }); it needs a person.`,
        };
      } else if (diagnosis.riskLevel === 'high') {
        decision = 'await-approval';
        patch = {
          status: 'awaiting_approval',
          summary: `Waiting for an owner's approval to: ${diagnosis.fix.summary}`,
        };
      } else {
        decision = 'fix';
        patch = { status: 'fixing' };
      }
      const updated = await deps.store.update(remediationId, patch, [
        'received',
        'diagnosing',
      ]);
      if (!updated) {
        // Decided concurrently (another attempt of this task): report that decision.
        const current = await loadRemediation(deps.store, remediationId);
        return {
          status: 'done',
          output: { decision: decisionOf[current.status] ?? 'fix' },
        };
      }
      deps.notifier.changed(updated);
      return { status: 'done', output: { decision } };
    },
  };
}
