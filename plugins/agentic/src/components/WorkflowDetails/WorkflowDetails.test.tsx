import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  agenticWorkflowCancelPermission,
  agenticWorkflowRetryPermission,
} from '@agentic-devops/plugin-agentic-common';
import { WorkflowDetails } from './WorkflowDetails';
import {
  makeFailedDetails,
  makeRunningDetails,
  makeWorkflow,
} from '../../__testUtils__/fixtures';
import {
  createPlannerApi,
  FakeSignalApi,
  renderWithApis,
} from '../../__testUtils__/apis';

const RETRY = agenticWorkflowRetryPermission.name;
const CANCEL = agenticWorkflowCancelPermission.name;

// usePermission caches decisions per workflow id across renders (SWR), so
// every test below uses its own workflow id.

describe('WorkflowDetails', () => {
  it('shows the workflow, its task graph, tasks with attempts, and history', async () => {
    const plannerApi = createPlannerApi({
      getWorkflow: async () => makeFailedDetails({ id: 'wf-show' }),
    });
    await renderWithApis(<WorkflowDetails workflowId="wf-show" showEntity />, {
      plannerApi,
    });

    expect(
      await screen.findByRole('heading', { name: 'Deploy checkout' }),
    ).toBeInTheDocument();
    expect(plannerApi.getWorkflow).toHaveBeenCalledWith('wf-show');
    expect(screen.getByText(/The workflow failed/)).toBeInTheDocument();
    expect(screen.getByText('task test failed')).toBeInTheDocument();
    expect(screen.getByText('checkout-service')).toBeInTheDocument();
    const graph = screen.getByTestId('agentic-task-graph');
    expect(await within(graph).findByTestId('task-node-test')).toHaveAttribute(
      'data-status',
      'failed',
    );
    expect(
      screen.getByText(/#2 · backend-b · failed · 45 s/),
    ).toBeInTheDocument();
    expect(screen.getByText('task.dead_lettered')).toBeInTheDocument();
  });

  it('shows an error panel when the workflow cannot be loaded', async () => {
    const plannerApi = createPlannerApi({
      getWorkflow: async () => {
        throw new Error('workflow wf-missing not found');
      },
    });
    await renderWithApis(<WorkflowDetails workflowId="wf-missing" />, {
      plannerApi,
    });
    expect(
      (await screen.findAllByText(/workflow wf-missing not found/))[0],
    ).toBeInTheDocument();
  });

  it('retries a failed task when allowed, then refreshes', async () => {
    const plannerApi = createPlannerApi({
      getWorkflow: async () => makeFailedDetails({ id: 'wf-retry' }),
      retryTask: async () => makeWorkflow({ status: 'running' }),
    });
    const onChange = jest.fn();
    const { alertApi } = await renderWithApis(
      <WorkflowDetails workflowId="wf-retry" onChange={onChange} />,
      { plannerApi, permissions: [RETRY] },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Retry Run tests' }),
    );

    expect(plannerApi.retryTask).toHaveBeenCalledWith('wf-retry', 'task-test');
    await waitFor(() =>
      expect(plannerApi.getWorkflow).toHaveBeenCalledTimes(2),
    );
    expect(onChange).toHaveBeenCalled();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'success',
        message: 'Retrying task "Run tests"',
      }),
    );
    // the workflow is finished: nothing to cancel
    expect(screen.queryByRole('button', { name: /^Cancel/ })).toBeNull();
  });

  it('offers no Retry without the retry permission', async () => {
    const plannerApi = createPlannerApi({
      getWorkflow: async () => makeFailedDetails({ id: 'wf-no-retry' }),
    });
    await renderWithApis(<WorkflowDetails workflowId="wf-no-retry" />, {
      plannerApi,
      permissions: [CANCEL],
    });
    expect(
      await screen.findByRole('heading', { name: 'Deploy checkout' }),
    ).toBeInTheDocument();
    // let the permission decision arrive
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.getAllByText('Run tests').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
  });

  it('cancels an unfinished workflow when allowed', async () => {
    const plannerApi = createPlannerApi({
      getWorkflow: async () => makeRunningDetails({ id: 'wf-cancel' }),
      cancelWorkflow: async () => makeWorkflow({ status: 'cancelled' }),
    });
    const { alertApi } = await renderWithApis(
      <WorkflowDetails workflowId="wf-cancel" />,
      { plannerApi, permissions: [CANCEL] },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel Deploy checkout' }),
    );
    expect(plannerApi.cancelWorkflow).toHaveBeenCalledWith('wf-cancel');
    await waitFor(() =>
      expect(plannerApi.getWorkflow).toHaveBeenCalledTimes(2),
    );
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'success' }),
    );
  });

  it('offers no Cancel without the cancel permission', async () => {
    const plannerApi = createPlannerApi({
      getWorkflow: async () => makeRunningDetails({ id: 'wf-no-cancel' }),
    });
    await renderWithApis(<WorkflowDetails workflowId="wf-no-cancel" />, {
      plannerApi,
      permissions: [RETRY],
    });
    expect(
      await screen.findByRole('heading', { name: 'Deploy checkout' }),
    ).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: /^Cancel/ })).toBeNull();
  });

  it('reports a failed action through the error API', async () => {
    const plannerApi = createPlannerApi({
      getWorkflow: async () => makeRunningDetails({ id: 'wf-cancel-fails' }),
      cancelWorkflow: async () => {
        throw new Error('workflow already finished');
      },
    });
    const { errorApi, alertApi } = await renderWithApis(
      <WorkflowDetails workflowId="wf-cancel-fails" />,
      { plannerApi },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel Deploy checkout' }),
    );
    await waitFor(() =>
      expect(errorApi.getErrors().map(e => e.error.message)).toEqual([
        'workflow already finished',
      ]),
    );
    expect(alertApi.post).not.toHaveBeenCalled();
  });

  it('refetches when a signal concerns the workflow, not for others', async () => {
    const signalApi = new FakeSignalApi();
    const plannerApi = createPlannerApi({
      getWorkflow: jest
        .fn()
        .mockResolvedValueOnce(makeRunningDetails({ id: 'wf-live' }))
        .mockResolvedValue(makeFailedDetails({ id: 'wf-live' })),
    });
    await renderWithApis(<WorkflowDetails workflowId="wf-live" />, {
      plannerApi,
      signalApi,
    });
    expect(
      await screen.findByRole('heading', { name: 'Deploy checkout' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/The workflow failed/)).toBeNull();

    signalApi.publish({
      workflowId: 'wf-other',
      status: 'failed',
      eventType: 'workflow.failed',
      seq: 9,
    });
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(plannerApi.getWorkflow).toHaveBeenCalledTimes(1);

    signalApi.publish({
      workflowId: 'wf-live',
      status: 'failed',
      eventType: 'workflow.failed',
      seq: 7,
    });
    expect(await screen.findByText(/The workflow failed/)).toBeInTheDocument();
    expect(plannerApi.getWorkflow).toHaveBeenCalledTimes(2);
  });
});
