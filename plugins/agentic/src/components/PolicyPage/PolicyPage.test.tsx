import { Route, Routes } from 'react-router-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  complianceReportToCsv,
  PolicyApi,
} from '@agentic-devops/plugin-policy-common';
import { AgenticPageContent } from '../AgenticPage';
import { pageOf } from '../../__testUtils__/fixtures';
import { makeComplianceReport } from '../../__testUtils__/policyFixtures';
import {
  createPlannerApi,
  createPolicyApi,
  renderWithApis,
} from '../../__testUtils__/apis';
import { rootRouteRef } from '../../routes';

function renderPage(policyApi: PolicyApi, entry = '/agentic/policy') {
  return renderWithApis(
    <Routes>
      <Route path="/agentic/*" element={<AgenticPageContent />} />
    </Routes>,
    {
      policyApi,
      plannerApi: createPlannerApi({ listWorkflows: async () => pageOf([]) }),
      routeEntries: [entry],
      mountedRoutes: { '/agentic': rootRouteRef },
    },
  );
}

const reporting = () =>
  createPolicyApi({ getComplianceReport: async () => makeComplianceReport() });

const tableRows = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    );

async function choose(filter: string, option: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(filter) }),
  );
  await userEvent.click(screen.getByRole('option', { name: option }));
}

/** Catches what "Export CSV" saves: the file's name, its type and its text. */
function catchDownloads() {
  const blobs: Blob[] = [];
  const saved: Array<{ name: string; href: string }> = [];
  const createObjectURL = jest.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:report-${blobs.length}`;
  });
  const revokeObjectURL = jest.fn();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function saveLink(this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.getAttribute('href')! });
    });
  return {
    blobs,
    saved,
    restore: () => click.mockRestore(),
  };
}

describe('PolicyPage', () => {
  it('shows the compliance per framework and per framework, rule and team', async () => {
    const policyApi = reporting();
    await renderPage(policyApi);

    const cis = await screen.findByRole('region', { name: 'CIS AWS' });
    expect(within(cis).getByText('80%')).toBeInTheDocument();
    expect(within(cis).getByText('8 of 10 compliant')).toBeInTheDocument();
    expect(
      within(cis).getByRole('progressbar', {
        name: 'CIS AWS: 8 of 10 compliant',
      }),
    ).toHaveAttribute('aria-valuenow', '80');
    const pci = screen.getByRole('region', { name: 'PCI-DSS' });
    expect(within(pci).getByText('25%')).toBeInTheDocument();

    // by framework, most severe rule first
    expect(tableRows()).toEqual([
      [
        'CIS AWS',
        'sg-open-ssh',
        'Critical',
        'platform',
        '5 of 6 (83%)',
        '2',
        '1',
      ],
      [
        'CIS AWS',
        's3-encryption',
        'High',
        'payments',
        '3 of 4 (75%)',
        '1',
        '0',
      ],
      [
        'PCI-DSS',
        'rds-encryption',
        'High',
        'payments',
        '1 of 4 (25%)',
        '3',
        '0',
      ],
    ]);
    expect(screen.getAllByText('platform')[0].closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
    expect(policyApi.getComplianceReport).toHaveBeenCalledTimes(1);
  });

  it('filters by framework', async () => {
    await renderPage(reporting());
    await screen.findByRole('region', { name: 'CIS AWS' });

    await choose('Framework', 'PCI-DSS');
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'CIS AWS' })).toBeNull(),
    );
    expect(screen.getByRole('region', { name: 'PCI-DSS' })).toBeInTheDocument();
    expect(tableRows().map(row => row[1])).toEqual(['rds-encryption']);

    await choose('Framework', 'All');
    expect(
      await screen.findByRole('region', { name: 'CIS AWS' }),
    ).toBeInTheDocument();
    expect(tableRows()).toHaveLength(3);
  });

  it("filters by team, with the team's own figures per framework", async () => {
    await renderPage(
      reporting(),
      `/agentic/policy?owner=${encodeURIComponent('group:default/platform')}`,
    );

    const cis = await screen.findByRole('region', { name: 'CIS AWS' });
    // platform's rows only: 5 of 6, not the 8 of 10 of every team
    expect(within(cis).getByText('83%')).toBeInTheDocument();
    expect(within(cis).getByText('5 of 6 compliant')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'PCI-DSS' })).toBeNull();
    expect(tableRows().map(row => row[1])).toEqual(['sg-open-ssh']);

    await choose('Team', 'payments');
    await waitFor(() =>
      expect(tableRows().map(row => row[1])).toEqual([
        's3-encryption',
        'rds-encryption',
      ]),
    );
    expect(
      within(screen.getByRole('region', { name: 'CIS AWS' })).getByText(
        '3 of 4 compliant',
      ),
    ).toBeInTheDocument();
  });

  it('exports the report as CSV, as shown', async () => {
    const report = makeComplianceReport();
    const downloads = catchDownloads();
    try {
      await renderPage(
        createPolicyApi({ getComplianceReport: async () => report }),
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Export CSV' }),
      );

      expect(downloads.saved).toEqual([
        { name: 'compliance-2025-03-03.csv', href: 'blob:report-1' },
      ]);
      const [blob] = downloads.blobs;
      expect(blob.type).toBe('text/csv;charset=utf-8');
      const csv = await blob.text();
      // the report's CSV, rows in the page's order (most severe first)
      const [s3, ssh, rds] = report.rows;
      expect(csv).toBe(
        complianceReportToCsv({ ...report, rows: [ssh, s3, rds] }),
      );
      expect(csv.split('\r\n')).toEqual([
        'framework,ruleId,severity,owner,entities,compliant,findings,waived',
        'CIS AWS,sg-open-ssh,critical,group:default/platform,6,5,2,1',
        'CIS AWS,s3-encryption,high,group:default/payments,4,3,1,0',
        'PCI-DSS,rds-encryption,high,group:default/payments,4,1,3,0',
        '',
      ]);

      // narrowed: the rows shown, and the filter in the file's name
      await choose('Framework', 'PCI-DSS');
      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      expect(downloads.saved[1]).toEqual({
        name: 'compliance-pci-dss-2025-03-03.csv',
        href: 'blob:report-2',
      });
      expect((await downloads.blobs[1].text()).split('\r\n')).toEqual([
        'framework,ruleId,severity,owner,entities,compliant,findings,waived',
        'PCI-DSS,rds-encryption,high,group:default/payments,4,1,3,0',
        '',
      ]);
    } finally {
      downloads.restore();
    }
  });

  it('says what the report will hold when there is nothing to report yet', async () => {
    await renderPage(
      createPolicyApi({
        getComplianceReport: async () =>
          makeComplianceReport({ frameworks: [], rows: [] }),
      }),
    );
    expect(
      await screen.findByText('No scans to report on yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /per framework \(CIS AWS, PCI-DSS, HIPAA, cost, operations\), rule and owning team/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  });

  it('shows an error panel when the report cannot be loaded', async () => {
    await renderPage(
      createPolicyApi({
        getComplianceReport: async () => {
          throw new Error('report unavailable');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/report unavailable/))[0],
    ).toBeInTheDocument();
  });

  it('is a tab of the /agentic page', async () => {
    const policyApi = reporting();
    await renderPage(policyApi, '/agentic');

    const tab = await screen.findByRole('tab', { name: 'Policy' });
    expect(tab).toHaveAttribute('href', '/agentic/policy');
    expect(policyApi.getComplianceReport).not.toHaveBeenCalled();

    await userEvent.click(tab);
    expect(
      await screen.findByRole('region', { name: 'CIS AWS' }),
    ).toBeInTheDocument();
    expect(tab).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Workflows' })).toHaveAttribute(
      'aria-selected',
      'false',
    );
  });
});
