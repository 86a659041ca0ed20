import { mockServices } from '@backstage/backend-test-utils';
import { Workflow } from '@agentic-devops/plugin-agentic-common';
import { WorkflowNotifier } from './WorkflowNotifier';

const workflow: Workflow = {
  id: 'wf-1',
  definition: 'core.noop',
  title: 'Check',
  status: 'failed',
  parameters: {},
  entityRef: 'component:default/storefront',
  entityOwnerRef: 'group:default/platform-team',
  requestedBy: 'user:default/guest',
  planSource: 'definition',
  progress: { total: 2, succeeded: 1, failed: 1, running: 0 },
  error: 'b: boom',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

function setup(notifiesOnFinish?: (w: Workflow) => boolean) {
  const signals = { publish: jest.fn(async () => {}) };
  const notifications = { send: jest.fn(async () => {}) };
  const notifier = new WorkflowNotifier({
    signals,
    notifications,
    logger: mockServices.logger.mock(),
    getWorkflow: async () => workflow,
    linkTo: w => `/agentic/workflows/${w.id}`,
    notifiesOnFinish,
  });
  return { signals, notifications, notifier };
}

const change = (workflowId: string, seq: number, extra = {}) => ({
  workflowId,
  entityRef: 'component:default/storefront',
  status: 'running' as const,
  lastEvent: { seq, type: 'task.started' as const },
  ...extra,
});

describe('WorkflowNotifier', () => {
  it('coalesces changes into one signal per workflow, with the latest state', async () => {
    const { signals, notifier } = setup();
    notifier.publish([
      change('wf-1', 3),
      change('wf-1', 5),
      change('wf-2', 1),
      undefined,
    ]);
    notifier.publish([change('wf-1', 4)]);
    await notifier.flush();
    expect(signals.publish).toHaveBeenCalledTimes(2);
    expect(signals.publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'agentic:workflows',
      message: {
        workflowId: 'wf-1',
        entityRef: 'component:default/storefront',
        status: 'running',
        eventType: 'task.started',
        seq: 5,
      },
    });
    await notifier.flush();
    expect(signals.publish).toHaveBeenCalledTimes(2);
  });

  it('notifies the requester and the owner when a workflow finishes', async () => {
    const { notifications, notifier } = setup();
    notifier.publish([
      change('wf-1', 9, { status: 'failed', finished: 'failed' }),
    ]);
    await new Promise(r => setImmediate(r));
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['user:default/guest', 'group:default/platform-team'],
      },
      payload: expect.objectContaining({
        title: 'Workflow failed: Check',
        description: 'b: boom',
        severity: 'high',
        link: '/agentic/workflows/wf-1',
      }),
    });
    await notifier.flush();
  });

  it('sends no notification for unfinished changes', async () => {
    const { notifications, notifier } = setup();
    notifier.publish([change('wf-1', 2)]);
    await notifier.flush();
    expect(notifications.send).not.toHaveBeenCalled();
  });

  it('leaves finished workflows of definitions that notify by themselves alone', async () => {
    const definitions: string[] = [];
    const { notifications, signals, notifier } = setup(w => {
      definitions.push(w.definition);
      return false;
    });
    notifier.publish([
      change('wf-1', 9, { status: 'failed', finished: 'failed' }),
    ]);
    await new Promise(r => setImmediate(r));
    await notifier.flush();
    expect(definitions).toEqual(['core.noop']);
    expect(notifications.send).not.toHaveBeenCalled();
    // Progress still reaches the portal.
    expect(signals.publish).toHaveBeenCalledTimes(1);
  });
});
