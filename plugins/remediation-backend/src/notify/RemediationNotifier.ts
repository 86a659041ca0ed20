import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  REMEDIATION_SIGNAL_CHANNEL,
  RemediationSignal,
  RemediationStatus,
} from '@agentic-devops/plugin-remediation-common';
import { redactSecrets } from '@agentic-devops/plugin-agentic-common';
import { StoredRemediation } from '../database/RemediationStore';

const label = (category: string) => category.replace(/_/g, ' ');

/** Where the portal shows a remediation: its entity's Agents tab, or the remediation page. */
export function remediationLink(remediation: { entityRef?: string }) {
  if (!remediation.entityRef) return '/agentic/remediation';
  const { kind, namespace, name } = parseEntityRef(remediation.entityRef);
  return `/catalog/${namespace}/${kind}/${name}/agents`;
}

function title(r: StoredRemediation): string {
  const where = `${r.jobName} on ${r.ref} (${r.project})`;
  const cause = r.diagnosis ? label(r.diagnosis.category) : 'pipeline failure';
  const titles: Partial<Record<RemediationStatus, string>> = {
    fixed: `Fixed ${cause}: ${where}`,
    failed: `Could not fix ${cause}: ${where}`,
    not_fixable: `Pipeline failed (${cause}): ${where}`,
    awaiting_approval: `Approval needed to fix ${cause}: ${where}`,
    rejected: `Fix rejected (${cause}): ${where}`,
    gave_up: `Gave up on ${cause} after ${
      r.attempt || r.maxAttempts
    } attempts: ${where}`,
    verifying: `Fix proposed for ${cause}: ${where}`,
  };
  return titles[r.status] ?? `Remediation ${r.status}: ${where}`;
}

function description(r: StoredRemediation): string {
  const d = r.diagnosis;
  const lines = [
    ...(d
      ? [
          `Cause: ${label(d.category)}${
            d.playbookId ? ` (${d.playbookId})` : ''
          } — ${d.rootCause}`,
          ...d.evidence
            .slice(0, 3)
            .map(e => `Evidence, line ${e.line}: ${e.text}`),
        ]
      : []),
    ...(r.summary ? [`What was done: ${r.summary}`] : []),
    ...(r.error && r.status === 'failed' ? [`Error: ${r.error}`] : []),
    ...(r.mergeRequestUrl ? [`Merge request: ${r.mergeRequestUrl}`] : []),
    ...(r.jobUrl ? [`Failed job: ${r.jobUrl}`] : []),
  ];
  return redactSecrets(lines.join('\n')).text;
}

/**
 * Tells people: a live signal on every change (ids and status only; the
 * portal refetches what the user may see), and a notification to the
 * entity's owners with cause, evidence, what was done and links. Slack gets
 * it too when the notifications Slack module is configured.
 */
export class RemediationNotifier {
  constructor(
    private readonly options: {
      signals: SignalsService;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  changed(remediation: StoredRemediation) {
    this.options.signals
      .publish<RemediationSignal>({
        recipients: { type: 'broadcast' },
        channel: REMEDIATION_SIGNAL_CHANNEL,
        message: {
          remediationId: remediation.id,
          ...(remediation.entityRef && { entityRef: remediation.entityRef }),
          status: remediation.status,
        },
      })
      .catch(error =>
        this.options.logger.warn(`Could not publish signal: ${error}`),
      );
  }

  /** Notifies the owners; false when the failure has no known owner. */
  async notifyOwners(remediation: StoredRemediation): Promise<boolean> {
    if (!remediation.entityOwnerRef) {
      this.options.logger.info(
        `Remediation ${remediation.id} (${remediation.project}) has no owning entity; nobody to notify`,
      );
      return false;
    }
    const severe = ['failed', 'awaiting_approval', 'gave_up'].includes(
      remediation.status,
    );
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: remediation.entityOwnerRef },
      payload: {
        title: title(remediation),
        description: description(remediation),
        link: remediationLink(remediation),
        severity: severe ? 'high' : 'normal',
        topic: 'agentic-remediation',
        // One notification per remediation, updated as it progresses.
        scope: `agentic-remediation:${remediation.id}`,
      },
    });
    return true;
  }
}
