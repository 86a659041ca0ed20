import { redactSecrets } from '@agentic-devops/plugin-agentic-common';
import { StoredRemediation } from '../database/RemediationStore';

const categoryLabel = (category: string) => category.replace(/_/g, ' ');

/** Redacted again here: whatever reaches a merge request is redacted at the last step too. */
const clean = (text: string) => redactSecrets(text).text;

/** Title, commit message and description of a fix's merge request (Markdown). */
export function mergeRequestText(
  remediation: StoredRemediation,
  stepSummaries: string[],
): { title: string; commitMessage: string; description: string } {
  const d = remediation.diagnosis!;
  const summary = d.fix?.summary ?? stepSummaries.join('; ');
  const title = clean(
    `Fix ${remediation.jobName} on ${remediation.ref}: ${summary}`,
  ).slice(0, 250);
  const job = remediation.jobUrl
    ? `[${remediation.jobName}](${remediation.jobUrl})`
    : `\`${remediation.jobName}\``;
  const evidence = d.evidence
    .map(e => `${String(e.line).padStart(6)}: ${e.text}`)
    .join('\n');
  const description = clean(
    [
      `The Remediation agent diagnosed the failed job ${job} of pipeline ${remediation.pipelineId} on \`${remediation.ref}\`.`,
      '',
      `**Cause:** ${categoryLabel(d.category)}${
        d.playbookId ? ` (playbook \`${d.playbookId}\`)` : ''
      }, confidence ${d.confidence.toFixed(2)}`,
      '',
      `**Root cause:** \`${d.rootCause.replace(/`/g, "'")}\``,
      '',
      '**Evidence** (job log, redacted):',
      '',
      '```',
      evidence,
      '```',
      '',
      '**What this merge request changes:**',
      '',
      ...stepSummaries.map(s => `- ${s}`),
      '',
      `Attempt ${remediation.attempt} of ${remediation.maxAttempts}. The pipeline of this branch verifies the fix; review before merging.`,
    ].join('\n'),
  );
  const commitMessage = clean(
    `${summary}\n\nFixes the ${categoryLabel(d.category)} that failed ${
      remediation.jobName
    } in pipeline ${remediation.pipelineId}.\n\nRemediation-Id: ${
      remediation.id
    }`,
  );
  return { title, commitMessage, description };
}
