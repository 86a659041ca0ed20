import { Route, Routes } from 'react-router-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  REMEDIATION_SIGNAL_CHANNEL,
  RemediationApi,
} from '@agentic-devops/plugin-remediation-common';
import { AgenticPageContent } from './AgenticPage';
import { ENTITY_REF, pageOf } from '../../__testUtils__/fixtures';
import {
  makeAwaitingApproval,
  makeRemediation,
  makeStats,
} from '../../__testUtils__/remediationFixtures';
import {
  createPlannerApi,
  createRemediationApi,
  FakeSignalApi,
  renderWithApis,
} from '../../__testUtils__/apis';
import { rootRouteRef } from '../../routes';

function renderPage(
  remediationApi: RemediationApi,
  entry = '/agentic/remediation',
  signalApi = new FakeSignalApi(),
) {
  return renderWithApis(
    <Routes>
      <Route path="/agentic/*" element={<AgenticPageContent />} />
    </Routes>,
    {
      remediationApi,
      plannerApi: createPlannerApi({
        listWorkflows: async () => pageOf([]),
      }),
      signalApi,
      routeEntries: [entry],
      mountedRoutes: { '/agentic': rootRouteRef },
    },
  );
}

const cart = makeRemediation({
  id: 'rem-cart',
  entityRef: 'component:default/cart',
  project: 'shop/cart',
  jobName: 'build',
  status: 'not_fixable',
  diagnosis: undefined,
  mergeRequestUrl: undefined,
  branch: undefined,
});

describe('RemediationPage', () => {
  it('shows success rate, MTTR, counts by status and the most common causes', async () => {
    const remediationApi = createRemediationApi({
      getStats: async () => makeStats(),
      listRemediations: async () =>
        pageOf([makeRemediation(), cart], { totalCount: 2 }),
    });
    await renderPage(remediationApi);

    const rate = await screen.findByRole('region', { name: 'Success rate' });
    expect(within(rate).getByText('75%')).toBeInTheDocument();
    expect(
      within(rate).getByText('6 of 8 finished fixes made the pipeline green.'),
    ).toBeInTheDocument();
    const mttr = screen.getByRole('region', { name: 'Time to green (MTTR)' });
    expect(within(mttr).getByText('12 m 34 s')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Failures' })).getByText('12'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Awaiting approval' }),
      ).getByText('1'),
    ).toBeInTheDocument();
    expect(remediationApi.getStats).toHaveBeenCalledWith({});

    // counts by status, in the order a remediation goes through them
    expect(
      screen
        .getAllByRole('listitem')
        .map(item => item.getAttribute('aria-label'))
        .filter(Boolean),
    ).toEqual([
      'not fixable: 3',
      'awaiting approval: 1',
      'fixed: 6',
      'failed: 1',
      'gave up: 1',
    ]);

    // the most common causes, most common first, as readable labels
    const causes = screen.getAllByRole('progressbar', { name: /: \d+$/ });
    expect(causes.map(bar => bar.getAttribute('aria-label'))).toEqual([
      'Missing Python package: 5',
      'Test failure: 3',
      'Network timeout: 2',
    ]);
    expect(causes[0]).toHaveAttribute('aria-valuenow', '100');
    expect(causes[1]).toHaveAttribute('aria-valuenow', '60');
  });

  it('lists the latest remediations across entities, with entity links', async () => {
    const remediationApi = createRemediationApi({
      getStats: async () => makeStats(),
      listRemediations: async () => pageOf([makeRemediation(), cart]),
    });
    await renderPage(remediationApi);

    expect(remediationApi.listRemediations).toHaveBeenCalledWith({
      offset: 0,
      limit: 20,
    });
    const first = (await screen.findByText('unit-tests')).closest('tr')!;
    expect(
      within(first).getByText('checkout-service').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-service');
    expect(
      within(first).getByText('Missing Python package'),
    ).toBeInTheDocument();
    expect(within(first).getByText('fixed')).toBeInTheDocument();
    expect(within(first).getByText(/^!42/).closest('a')).toHaveAttribute(
      'href',
      'https://gitlab.example/shop/checkout/-/merge_requests/42',
    );

    const second = screen.getByText('build').closest('tr')!;
    expect(within(second).getByText('cart').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/cart',
    );
    expect(within(second).getByText('not fixable')).toBeInTheDocument();
  });

  it('shows a remediation in full, with approval, when its row is expanded', async () => {
    const remediationApi = createRemediationApi({
      getStats: async () => makeStats(),
      listRemediations: async () =>
        pageOf([makeAwaitingApproval({ id: 'rem-page-1' })]),
    });
    await renderPage(remediationApi);

    await userEvent.click(
      await screen.findByRole('button', {
        name: `Show details of job integration of ${ENTITY_REF}`,
      }),
    );
    const record = screen.getByTestId('remediation-rem-page-1');
    expect(within(record).getByText('Entity')).toBeInTheDocument();
    expect(
      await within(record).findByRole('button', {
        name: 'Approve the fix for integration',
      }),
    ).toBeInTheDocument();
  });

  it('says so when no fix has finished yet', async () => {
    const remediationApi = createRemediationApi({
      getStats: async () => ({
        total: 0,
        successRate: null,
        mttrSeconds: null,
        byStatus: {},
        topCauses: [],
      }),
      listRemediations: async () => pageOf([]),
    });
    await renderPage(remediationApi);

    const rate = await screen.findByRole('region', { name: 'Success rate' });
    expect(within(rate).getByText('–')).toBeInTheDocument();
    expect(
      within(rate).getByText('No fix has finished yet.'),
    ).toBeInTheDocument();
    const mttr = screen.getByRole('region', { name: 'Time to green (MTTR)' });
    expect(within(mttr).getByText('–')).toBeInTheDocument();
    expect(
      within(mttr).getByText('No pipeline is green again yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No failure has been diagnosed yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No remediations yet.')).toBeInTheDocument();
    expect(await screen.findByText('No remediations yet')).toBeInTheDocument();
    expect(screen.queryByText('NaN%')).toBeNull();
  });

  it("narrows figures and list to the entity in the URL, until it's cleared", async () => {
    const remediationApi = createRemediationApi({
      getStats: async () => makeStats(),
      listRemediations: async () => pageOf([makeRemediation()]),
    });
    await renderPage(
      remediationApi,
      `/agentic/remediation?entityRef=${encodeURIComponent(ENTITY_REF)}`,
    );

    expect(await screen.findByText('unit-tests')).toBeInTheDocument();
    expect(remediationApi.getStats).toHaveBeenCalledWith({
      entityRef: ENTITY_REF,
    });
    expect(remediationApi.listRemediations).toHaveBeenCalledWith({
      entityRef: ENTITY_REF,
      offset: 0,
      limit: 20,
    });

    const filter = screen.getByRole('button', {
      name: `Entity: ${ENTITY_REF}`,
    });
    await userEvent.type(filter, '{backspace}');
    await waitFor(() =>
      expect(remediationApi.getStats).toHaveBeenLastCalledWith({}),
    );
    expect(remediationApi.listRemediations).toHaveBeenLastCalledWith({
      offset: 0,
      limit: 20,
    });
  });

  it('refetches the figures when a remediation changes', async () => {
    const signalApi = new FakeSignalApi();
    const remediationApi = createRemediationApi({
      getStats: jest
        .fn()
        .mockResolvedValueOnce(makeStats({ successRate: 0.5 }))
        .mockResolvedValue(makeStats({ successRate: 0.8 })),
      listRemediations: async () => pageOf([makeRemediation()]),
    });
    await renderPage(remediationApi, undefined, signalApi);
    expect(await screen.findByText('50%')).toBeInTheDocument();

    signalApi.publish(
      { remediationId: 'rem-1', entityRef: ENTITY_REF, status: 'fixed' },
      REMEDIATION_SIGNAL_CHANNEL,
    );
    expect(await screen.findByText('80%')).toBeInTheDocument();
  });

  it('shows an error panel when the figures cannot be loaded', async () => {
    const remediationApi = createRemediationApi({
      getStats: async () => {
        throw new Error('stats unavailable');
      },
      listRemediations: async () => pageOf([]),
    });
    await renderPage(remediationApi);
    expect(
      (await screen.findAllByText(/stats unavailable/))[0],
    ).toBeInTheDocument();
  });

  it('is a tab of the /agentic page', async () => {
    const remediationApi = createRemediationApi({
      getStats: async () => makeStats(),
      listRemediations: async () => pageOf([]),
    });
    await renderPage(remediationApi, '/agentic');

    const tab = await screen.findByRole('tab', { name: 'Remediation' });
    expect(tab).toHaveAttribute('href', '/agentic/remediation');
    expect(screen.getByRole('tab', { name: 'Workflows' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(remediationApi.getStats).not.toHaveBeenCalled();

    await userEvent.click(tab);
    expect(
      await screen.findByRole('region', { name: 'Success rate' }),
    ).toBeInTheDocument();
    expect(tab).toHaveAttribute('aria-selected', 'true');
  });
});
