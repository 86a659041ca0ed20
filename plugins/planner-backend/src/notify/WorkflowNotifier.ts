import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  PLANNER_SIGNAL_CHANNEL,
  Workflow,
  WorkflowSignal,
} from '@agentic-devops/plugin-agentic-common';
import { WorkflowChange } from '../database/WorkflowStore';

/** Progress signals are coalesced per workflow over this window. */
const SIGNAL_WINDOW_MS = 150;

/**
 * Tells people what happened: a live signal for every change (coalesced, ids
 * and status only; the browser refetches what it may see), and a notification
 * to the requester and the entity's owner when a workflow finishes.
 */
export class WorkflowNotifier {
  readonly #pending = new Map<string, WorkflowChange>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      signals: SignalsService;
      notifications: NotificationService;
      logger: LoggerService;
      getWorkflow(id: string): Promise<Workflow | undefined>;
      /** The portal's URL of a workflow, for notification links. */
      linkTo(workflow: Workflow): string;
      /** Whether a finished workflow is notified (its definition may tell people itself). */
      notifiesOnFinish?(workflow: Workflow): boolean;
    },
  ) {}

  publish(changes: Array<WorkflowChange | undefined>) {
    for (const change of changes) {
      if (!change) continue;
      const previous = this.#pending.get(change.workflowId);
      if (!previous || previous.lastEvent.seq <= change.lastEvent.seq) {
        this.#pending.set(change.workflowId, {
          ...change,
          finished: change.finished ?? previous?.finished,
        });
      }
      if (change.finished) {
        this.#notifyFinished(change).catch(error =>
          this.options.logger.warn(
            `Could not notify about workflow ${change.workflowId}: ${error}`,
          ),
        );
      }
    }
    if (this.#pending.size && !this.#timer) {
      this.#timer = setTimeout(() => this.flush(), SIGNAL_WINDOW_MS);
      this.#timer.unref?.();
    }
  }

  /** Sends the coalesced signals now. */
  async flush() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    await Promise.all(
      batch.map(change =>
        this.options.signals
          .publish<WorkflowSignal>({
            recipients: { type: 'broadcast' },
            channel: PLANNER_SIGNAL_CHANNEL,
            message: {
              workflowId: change.workflowId,
              ...(change.entityRef && { entityRef: change.entityRef }),
              status: change.status,
              eventType: change.lastEvent.type,
              seq: change.lastEvent.seq,
            },
          })
          .catch(error =>
            this.options.logger.warn(`Could not publish signal: ${error}`),
          ),
      ),
    );
  }

  async #notifyFinished(change: WorkflowChange) {
    const workflow = await this.options.getWorkflow(change.workflowId);
    if (!workflow || this.options.notifiesOnFinish?.(workflow) === false) {
      return;
    }
    const recipients = [
      ...(workflow.requestedBy.startsWith('user:')
        ? [workflow.requestedBy]
        : []),
      ...(workflow.entityOwnerRef ? [workflow.entityOwnerRef] : []),
    ];
    if (recipients.length === 0) return;
    const outcome =
      workflow.status === 'succeeded' ? 'finished' : workflow.status;
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: [...new Set(recipients)] },
      payload: {
        title: `Workflow ${outcome}: ${workflow.title}`,
        description:
          workflow.status === 'succeeded'
            ? `All ${workflow.progress.total} tasks succeeded${
                workflow.entityRef ? ` for ${workflow.entityRef}` : ''
              }.`
            : workflow.error ?? `The workflow is ${workflow.status}.`,
        link: this.options.linkTo(workflow),
        severity: workflow.status === 'failed' ? 'high' : 'normal',
        topic: 'agentic-workflows',
        scope: `agentic-workflow:${workflow.id}`,
      },
    });
  }
}
