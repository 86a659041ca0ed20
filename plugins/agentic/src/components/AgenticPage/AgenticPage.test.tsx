import { Route, Routes } from 'react-router-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlannerApi } from '@agentic-devops/plugin-agentic-common';
import { AgenticPageContent } from './AgenticPage';
import {
  makeFailedDetails,
  makeWorkflow,
  pageOf,
} from '../../__testUtils__/fixtures';
import { createPlannerApi, renderWithApis } from '../../__testUtils__/apis';
import { rootRouteRef } from '../../routes';

function renderPage(plannerApi: PlannerApi, entry = '/agentic') {
  return renderWithApis(
    <Routes>
      <Route path="/agentic/*" element={<AgenticPageContent />} />
    </Routes>,
    {
      plannerApi,
      routeEntries: [entry],
      mountedRoutes: { '/agentic': rootRouteRef },
    },
  );
}

const workflows = Array.from({ length: 20 }, (_, i) =>
  makeWorkflow({
    id: `wf-page-${i + 1}`,
    title: `Workflow ${i + 1}`,
    status: 'succeeded',
    entityRef: i % 2 ? 'component:default/cart' : 'component:default/checkout',
    finishedAt: '2025-01-01T10:05:00Z',
  }),
);

function listing(totalCount = 45) {
  return createPlannerApi({
    listWorkflows: async (query = {}) =>
      pageOf(workflows, {
        totalCount,
        offset: query.offset,
        limit: query.limit,
      }),
  });
}

describe('AgenticPage', () => {
  it('lists every workflow, with entity and a link to each', async () => {
    const plannerApi = listing();
    await renderPage(plannerApi);

    expect(await screen.findByText('Workflow 1')).toBeInTheDocument();
    expect(plannerApi.listWorkflows).toHaveBeenCalledTimes(1);
    expect(plannerApi.listWorkflows).toHaveBeenCalledWith({
      offset: 0,
      limit: 20,
    });
    const row = screen.getByText('Workflow 2').closest('tr')!;
    expect(within(row).getByText('cart')).toBeInTheDocument();
    expect(screen.getByText('Workflow 2').closest('a')).toHaveAttribute(
      'href',
      '/agentic/workflows/wf-page-2',
    );
    expect(screen.getAllByText('1-20 of 45')[0]).toBeInTheDocument();
  });

  it('filters by status on the server, from the first page', async () => {
    const plannerApi = listing();
    await renderPage(plannerApi, '/agentic?page=1');
    expect(await screen.findByText('Workflow 1')).toBeInTheDocument();
    expect(plannerApi.listWorkflows).toHaveBeenLastCalledWith({
      offset: 20,
      limit: 20,
    });

    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Failed' }));
    await waitFor(() =>
      expect(plannerApi.listWorkflows).toHaveBeenLastCalledWith({
        status: ['failed'],
        offset: 0,
        limit: 20,
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Unfinished' }));
    await waitFor(() =>
      expect(plannerApi.listWorkflows).toHaveBeenLastCalledWith({
        status: ['pending', 'running'],
        offset: 0,
        limit: 20,
      }),
    );
  });

  it('filters by entity once typing pauses', async () => {
    const plannerApi = listing();
    await renderPage(plannerApi);
    expect(await screen.findByText('Workflow 1')).toBeInTheDocument();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Entity' }),
      'component:default/cart',
    );
    await waitFor(() =>
      expect(plannerApi.listWorkflows).toHaveBeenLastCalledWith({
        entityRef: 'component:default/cart',
        offset: 0,
        limit: 20,
      }),
    );
    // one request for the whole text, not one per key
    expect(plannerApi.listWorkflows).toHaveBeenCalledTimes(2);
  });

  it('pages through the server with offset and limit', async () => {
    const plannerApi = listing();
    await renderPage(plannerApi);
    expect(await screen.findByText('Workflow 1')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(plannerApi.listWorkflows).toHaveBeenLastCalledWith({
        offset: 20,
        limit: 20,
      }),
    );
    expect((await screen.findAllByText('21-40 of 45'))[0]).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(plannerApi.listWorkflows).toHaveBeenLastCalledWith({
        offset: 40,
        limit: 20,
      }),
    );
  });

  it('shows an empty state when nothing matches', async () => {
    const plannerApi = createPlannerApi({
      listWorkflows: async () => pageOf([]),
    });
    await renderPage(plannerApi, '/agentic?status=failed');
    expect(await screen.findByText('No workflows')).toBeInTheDocument();
    expect(
      screen.getByText('No workflow matches these filters.'),
    ).toBeInTheDocument();
    expect(plannerApi.listWorkflows).toHaveBeenCalledWith({
      status: ['failed'],
      offset: 0,
      limit: 20,
    });
  });

  it('shows an error panel when the list cannot be loaded', async () => {
    const plannerApi = createPlannerApi({
      listWorkflows: async () => {
        throw new Error('planner unavailable');
      },
    });
    await renderPage(plannerApi);
    expect(
      (await screen.findAllByText(/planner unavailable/))[0],
    ).toBeInTheDocument();
  });

  it('opens a workflow from the list in its own view', async () => {
    const plannerApi = listing();
    plannerApi.getWorkflow.mockResolvedValue(
      makeFailedDetails({ id: 'wf-page-2', title: 'Workflow 2' }),
    );
    await renderPage(plannerApi);

    await userEvent.click(await screen.findByText('Workflow 2'));
    expect(
      await screen.findByRole('heading', { name: 'Workflow 2' }),
    ).toBeInTheDocument();
    expect(plannerApi.getWorkflow).toHaveBeenCalledWith('wf-page-2');
    // the breadcrumb (the tab of the same name has the role tab)
    expect(screen.getByRole('link', { name: 'Workflows' })).toHaveAttribute(
      'href',
      '/agentic',
    );
    expect(
      await within(screen.getByTestId('agentic-task-graph')).findByTestId(
        'task-node-deploy',
      ),
    ).toBeInTheDocument();
  });
});
