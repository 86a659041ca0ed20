import {
  NonRetryableTaskError,
  RemoteTaskStep,
} from '@agentic-devops/plugin-agentic-node';
import { StepDeps } from './context';
import { decideStep } from './decideStep';
import { diagnoseStep } from './diagnoseStep';
import { fixStep } from './fixStep';
import { notifyStep } from './notifyStep';
import { RemediationTaskParams } from './params';
import { verifyStep } from './verifyStep';

/**
 * When a step fails for good (a non-retryable error, or its last attempt),
 * the record says so instead of staying "fixing" forever.
 */
function recordingFailures(
  deps: StepDeps,
  step: RemoteTaskStep<RemediationTaskParams>,
): RemoteTaskStep<RemediationTaskParams> {
  return {
    ...step,
    async run(params, request) {
      try {
        return await step.run(params, request);
      } catch (error) {
        const final =
          error instanceof NonRetryableTaskError ||
          request.task.attempt >= request.task.maxAttempts;
        if (final) {
          const message = `${step.type} failed: ${(error as Error).message}`;
          const updated = await deps.store
            .update(
              params.remediationId,
              { status: 'failed', error: message },
              // Only work in progress; a finished or waiting record keeps its state.
              ['received', 'diagnosing', 'fixing', 'verifying'],
            )
            .catch(() => undefined);
          if (updated) deps.notifier.changed(updated);
        }
        throw error;
      }
    },
  };
}

/** The remediation workflow's steps, served to the Planner at `POST /tasks/:type`. */
export function createRemediationSteps(deps: StepDeps) {
  return [diagnoseStep, decideStep, fixStep, verifyStep, notifyStep].map(
    create => recordingFailures(deps, create(deps)),
  );
}

export type { StepDeps } from './context';
export { remediationTaskParams } from './params';
