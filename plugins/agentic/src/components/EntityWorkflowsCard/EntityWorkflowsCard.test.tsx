import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityWorkflowsCard } from './EntityWorkflowsCard';
import {
  ENTITY_REF,
  makeFailedDetails,
  makeWorkflow,
  pageOf,
} from '../../__testUtils__/fixtures';
import {
  createPlannerApi,
  FakeSignalApi,
  renderWithApis,
} from '../../__testUtils__/apis';
import { rootRouteRef } from '../../routes';
import { POLL_INTERVAL_MS } from '../../hooks/useLiveLoad';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const card = (
  <EntityProvider entity={entity}>
    <EntityWorkflowsCard />
  </EntityProvider>
);

const running = makeWorkflow({
  id: 'wf-card-1',
  title: 'Deploy checkout',
  startedAt: new Date(Date.now() - 90_000).toISOString(),
});
const succeeded = makeWorkflow({
  id: 'wf-card-2',
  title: 'Upgrade dependencies',
  status: 'succeeded',
  progress: { total: 2, succeeded: 2, failed: 0, running: 0 },
  startedAt: '2025-01-01T09:00:00Z',
  finishedAt: '2025-01-01T09:00:42Z',
});

describe('EntityWorkflowsCard', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows progress while loading', async () => {
    const plannerApi = createPlannerApi({
      listWorkflows: () => new Promise(() => {}),
    });
    await renderWithApis(card, { plannerApi });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.getByText('Agent workflows')).toBeInTheDocument();
  });

  it('shows an error panel when the workflows cannot be loaded', async () => {
    const plannerApi = createPlannerApi({
      listWorkflows: async () => {
        throw new Error('planner unavailable');
      },
    });
    await renderWithApis(card, { plannerApi });
    expect(
      (await screen.findAllByText(/planner unavailable/))[0],
    ).toBeInTheDocument();
  });

  it('shows an empty state without workflows', async () => {
    const plannerApi = createPlannerApi({
      listWorkflows: async () => pageOf([]),
    });
    await renderWithApis(card, { plannerApi });
    expect(await screen.findByText('No workflows yet')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("lists the entity's workflows with status, progress and duration", async () => {
    const plannerApi = createPlannerApi({
      listWorkflows: async () => pageOf([running, succeeded], { limit: 5 }),
    });
    await renderWithApis(card, {
      plannerApi,
      mountedRoutes: { '/agentic': rootRouteRef },
    });

    expect(plannerApi.listWorkflows).toHaveBeenCalledWith({
      entityRef: ENTITY_REF,
      offset: 0,
      limit: 5,
    });
    const first = (await screen.findByText('Deploy checkout')).closest('tr')!;
    expect(within(first).getByText('running')).toBeInTheDocument();
    expect(within(first).getByText('1/3 tasks, 1 running')).toBeInTheDocument();
    expect(within(first).getByText(/^1 m 3\d s$/)).toBeInTheDocument();
    expect(screen.getByText('Deploy checkout').closest('a')).toHaveAttribute(
      'href',
      '/agentic/workflows/wf-card-1',
    );

    const second = screen.getByText('Upgrade dependencies').closest('tr')!;
    expect(within(second).getByText('succeeded')).toBeInTheDocument();
    expect(within(second).getByText('2/2 tasks')).toBeInTheDocument();
    expect(within(second).getByText('42 s')).toBeInTheDocument();

    expect(screen.getByText('All workflows').closest('a')).toHaveAttribute(
      'href',
      `/agentic?entityRef=${encodeURIComponent(ENTITY_REF)}`,
    );
  });

  it('expands a workflow into its task graph and tasks', async () => {
    const plannerApi = createPlannerApi({
      listWorkflows: async () => pageOf([running]),
      getWorkflow: async () =>
        makeFailedDetails({ id: 'wf-card-1', title: 'Deploy checkout' }),
    });
    await renderWithApis(card, { plannerApi });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show tasks of Deploy checkout',
      }),
    );
    expect(plannerApi.getWorkflow).toHaveBeenCalledWith('wf-card-1');
    const details = await screen.findByTestId('workflow-details-wf-card-1');
    const graph = within(details).getByTestId('agentic-task-graph');
    expect(await within(graph).findByTestId('task-node-test')).toHaveAttribute(
      'data-status',
      'failed',
    );
    expect(
      within(details).getByText(/#2 · backend-b · failed · 45 s/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Hide tasks of Deploy checkout' }),
    );
    expect(screen.queryByTestId('workflow-details-wf-card-1')).toBeNull();
  });

  it('refetches when a signal concerns the entity, not for other entities', async () => {
    const signalApi = new FakeSignalApi();
    const rollback = makeWorkflow({
      id: 'wf-card-3',
      title: 'Rollback checkout',
      status: 'pending',
    });
    const plannerApi = createPlannerApi({
      listWorkflows: jest
        .fn()
        .mockResolvedValueOnce(pageOf([succeeded]))
        .mockResolvedValue(pageOf([rollback, succeeded])),
    });
    await renderWithApis(card, { plannerApi, signalApi });
    expect(await screen.findByText('Upgrade dependencies')).toBeInTheDocument();

    signalApi.publish({
      workflowId: 'wf-elsewhere',
      entityRef: 'component:default/other',
      status: 'pending',
      eventType: 'workflow.created',
      seq: 1,
    });
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(plannerApi.listWorkflows).toHaveBeenCalledTimes(1);

    signalApi.publish({
      workflowId: 'wf-card-3',
      entityRef: ENTITY_REF,
      status: 'pending',
      eventType: 'workflow.created',
      seq: 1,
    });
    expect(await screen.findByText('Rollback checkout')).toBeInTheDocument();
    expect(plannerApi.listWorkflows).toHaveBeenCalledTimes(2);
  });

  it('polls while an unfinished workflow is shown', async () => {
    jest.useFakeTimers();
    const plannerApi = createPlannerApi({
      listWorkflows: jest
        .fn()
        .mockResolvedValueOnce(pageOf([running]))
        .mockResolvedValue(pageOf([{ ...running, status: 'succeeded' }])),
    });
    await renderWithApis(card, { plannerApi });
    expect(await screen.findByText('running')).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(POLL_INTERVAL_MS);
    });
    await waitFor(() =>
      expect(plannerApi.listWorkflows).toHaveBeenCalledTimes(2),
    );
    expect(await screen.findByText('succeeded')).toBeInTheDocument();

    // everything shown is finished: no more polling
    await act(async () => {
      jest.advanceTimersByTime(3 * POLL_INTERVAL_MS);
    });
    expect(plannerApi.listWorkflows).toHaveBeenCalledTimes(2);
  });

  it('keeps polling through a failed refresh and recovers', async () => {
    jest.useFakeTimers();
    const plannerApi = createPlannerApi({
      listWorkflows: jest
        .fn()
        .mockResolvedValueOnce(pageOf([running]))
        .mockRejectedValueOnce(new Error('planner restarting'))
        .mockResolvedValue(pageOf([{ ...running, title: 'Deploy again' }])),
    });
    await renderWithApis(card, { plannerApi });
    expect(await screen.findByText('Deploy checkout')).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(POLL_INTERVAL_MS);
    });
    expect(
      (await screen.findAllByText(/planner restarting/))[0],
    ).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(POLL_INTERVAL_MS);
    });
    expect(await screen.findByText('Deploy again')).toBeInTheDocument();
    expect(screen.queryByText(/planner restarting/)).toBeNull();
  });
});
