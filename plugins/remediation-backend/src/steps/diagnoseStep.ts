import { RemoteTaskStep } from '@agentic-devops/plugin-agentic-node';
import { StepDeps } from './context';
import { failureFingerprint } from './fingerprint';
import {
  loadRemediation,
  RemediationTaskParams,
  remediationTaskParams,
} from './params';

/**
 * Reads the failed job's log (streamed, redacted as it is read) and
 * diagnoses it. Only the diagnosis and the redacted tail are kept.
 */
export function diagnoseStep(
  deps: StepDeps,
): RemoteTaskStep<RemediationTaskParams> {
  return {
    type: 'remediation.diagnose',
    parameters: remediationTaskParams,
    async run({ remediationId }, { signal }) {
      let remediation = await loadRemediation(deps.store, remediationId);
      if (!remediation.diagnosis) {
        await deps.store.update(remediationId, { status: 'diagnosing' }, [
          'received',
          'diagnosing',
        ]);
        const source = deps.sources.of(remediation.job);
        const log = await source.readJobLog(remediation.job, signal);
        const { diagnosis, tail, lines, bytes } = await deps.analyzer.analyze(
          log,
        );
        deps.logger.info(
          `Remediation ${remediationId}: ${diagnosis.category} (${diagnosis.source}) from ${lines} lines, ${bytes} bytes of ${remediation.project} job ${remediation.jobId}`,
        );
        remediation =
          (await deps.store.update(remediationId, {
            diagnosis,
            logTail: tail,
            fingerprint: failureFingerprint(remediation.job, diagnosis),
          })) ?? remediation;
        deps.notifier.changed(remediation);
      }
      const diagnosis = remediation.diagnosis!;
      return {
        status: 'done',
        output: {
          category: diagnosis.category,
          playbookId: diagnosis.playbookId,
          riskLevel: diagnosis.riskLevel,
          autoFixable: diagnosis.autoFixable,
          rootCause: diagnosis.rootCause,
        },
      };
    },
  };
}
