import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityPolicyCard } from './EntityPolicyCard';
import { ENTITY_REF } from '../../__testUtils__/fixtures';
import {
  makePendingWaiver,
  makeScan,
  makeTrend,
  makeWaiver,
} from '../../__testUtils__/policyFixtures';
import { createPolicyApi, renderWithApis } from '../../__testUtils__/apis';
import { rootRouteRef } from '../../routes';
import { dayFromNow } from '../PolicyWaivers/waiverForm';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const card = (
  <EntityProvider entity={entity}>
    <EntityPolicyCard />
  </EntityProvider>
);

const APPROVE = 'agentic.policy.waiver.approve';
const REQUEST = 'agentic.policy.waiver.request';

// usePermission caches decisions per permission and resourceRef across
// renders (SWR's global cache): tests that decide differently about a
// pending waiver use their own waiver id, and the request permission (which
// has no resourceRef) is denied in its own file, EntityPolicyCard.denied.test.tsx.

async function responseError(
  statusCode: number,
  name: string,
  message: string,
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/waivers' },
        response: { statusCode },
      }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** An entity with the fixtures' scan, trend and waivers. */
function scanned(waivers = [makeWaiver(), makePendingWaiver()]) {
  return createPolicyApi({
    getLatestScan: async () => makeScan(),
    getTrend: async () => makeTrend(),
    listWaivers: async () => waivers,
  });
}

const findingRows = () =>
  within(screen.getByRole('table', { name: 'Findings' }))
    .getAllByRole('row')
    .slice(1);

describe('EntityPolicyCard', () => {
  it('shows an empty state that says what will appear, and how', async () => {
    const policyApi = createPolicyApi({
      getLatestScan: async () => undefined,
      getTrend: async () => [],
      listWaivers: async () => [],
    });
    await renderWithApis(card, { policyApi });
    expect(await screen.findByText('No policy scan yet')).toBeInTheDocument();
    const description = screen.getByText(/appear here after its first scan/);
    expect(description).toHaveTextContent('a merge request');
    expect(description).toHaveTextContent('agentic:policy:check');
    expect(description).toHaveTextContent('policy.check step');
    expect(description).toHaveTextContent('POST /api/policy/scans/run');
    expect(screen.queryByRole('table', { name: 'Findings' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Waivers' })).toBeNull();
    expect(policyApi.getLatestScan).toHaveBeenCalledWith(ENTITY_REF);
  });

  it('still lists waivers of an entity with no scan', async () => {
    const policyApi = createPolicyApi({
      getLatestScan: async () => undefined,
      getTrend: async () => [],
      listWaivers: async () => [makeWaiver()],
    });
    await renderWithApis(card, { policyApi });
    expect(await screen.findByText('No policy scan yet')).toBeInTheDocument();
    expect(
      await screen.findByTestId('waiver-waiver-approved'),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the scan cannot be loaded', async () => {
    const policyApi = createPolicyApi({
      getLatestScan: async () => {
        throw new Error('policy agent unavailable');
      },
      getTrend: async () => [],
      listWaivers: async () => [],
    });
    await renderWithApis(card, { policyApi });
    expect(
      (await screen.findAllByText(/policy agent unavailable/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByText('No policy scan yet')).toBeNull();
  });

  it('shows the latest scan: counts per severity, findings with fixes, status and waivers', async () => {
    const policyApi = scanned();
    await renderWithApis(card, {
      policyApi,
      mountedRoutes: { '/agentic': rootRouteRef },
    });

    expect(
      await screen.findByRole('table', { name: 'Findings' }),
    ).toBeInTheDocument();
    expect(policyApi.getTrend).toHaveBeenCalledWith(ENTITY_REF);
    expect(policyApi.listWaivers).toHaveBeenCalledWith({
      entityRef: ENTITY_REF,
    });

    // open findings per severity; the waived one apart
    for (const label of [
      'Critical: 1',
      'High: 1',
      'Medium: 1',
      'Low: 0',
      'Waived: 1',
      'Undecided before apply: 1',
    ]) {
      expect(screen.getByRole('region', { name: label })).toBeInTheDocument();
    }

    // what was scanned, for which merge request
    expect(screen.getByText('!7').closest('a')).toHaveAttribute(
      'href',
      'https://gitlab.example/shop/checkout/-/merge_requests/7',
    );
    expect(screen.getByText('01234567')).toBeInTheDocument();
    expect(screen.getByText(/14 files, 31 resources/)).toBeInTheDocument();
    expect(screen.getByText('1 file could not be scanned')).toBeInTheDocument();
    expect(screen.getByText('infra/broken.tf')).toBeInTheDocument();

    // most severe first
    const rows = findingRows();
    expect(rows.map(row => row.getAttribute('data-testid'))).toEqual([
      'finding-sg-open-ssh',
      'finding-s3-encryption',
      'finding-instance-type-allowed',
      'finding-k8s-latest-tag',
    ]);

    const [ssh, s3, instance, latest] = rows;
    expect(within(ssh).getByText('Critical')).toBeInTheDocument();
    expect(within(ssh).getByText('infra/network.tf:30')).toBeInTheDocument();
    expect(
      within(ssh).getByText('aws_security_group.bastion'),
    ).toBeInTheDocument();
    expect(
      within(ssh).getByText('Restrict port 22 to the VPN range'),
    ).toBeInTheDocument();
    // a pending request for exactly this resource: said, not offered again
    expect(within(ssh).getByText('violated')).toBeInTheDocument();
    expect(
      within(ssh).getByText('Waiver requested, waiting for an owner'),
    ).toBeInTheDocument();
    expect(within(ssh).queryByRole('button')).toBeNull();

    expect(within(s3).getByText('High')).toBeInTheDocument();
    expect(within(s3).getByText('CIS AWS, PCI-DSS')).toBeInTheDocument();
    expect(
      within(s3).getByText(
        'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket',
      ),
    ).toBeInTheDocument();
    expect(
      within(s3).getByRole('button', {
        name: 'Request a waiver of s3-encryption for aws_s3_bucket.logs',
      }),
    ).toBeInTheDocument();

    expect(
      within(instance).getByText('cannot be decided before apply'),
    ).toBeInTheDocument();
    expect(
      within(instance).getByText(
        'var.instance_type has no default and no .tfvars value',
      ),
    ).toBeInTheDocument();

    // the file as a whole: no line; waived, with the waiver's reason
    expect(within(latest).getByText('deploy/web.yaml')).toBeInTheDocument();
    expect(within(latest).getByText('waived')).toBeInTheDocument();
    expect(
      within(latest).getByText(
        'Until 2025-09-01: The web image is rebuilt and redeployed on every commit',
      ),
    ).toBeInTheDocument();
    expect(within(latest).queryByRole('button')).toBeNull();

    expect(screen.getByText('Compliance report').closest('a')).toHaveAttribute(
      'href',
      '/agentic/policy',
    );
  });

  it('draws the trend of findings per severity over the latest scans, oldest first', async () => {
    const policyApi = createPolicyApi({
      getLatestScan: async () => makeScan(),
      // out of order: the card orders by time
      getTrend: async () => {
        const [first, second, third] = makeTrend();
        return [third, first, second];
      },
      listWaivers: async () => [],
    });
    await renderWithApis(card, { policyApi });

    const trend = await screen.findByRole('list', {
      name: 'Findings per severity over the latest scans',
    });
    const bars = within(trend).getAllByRole('listitem');
    expect(bars.map(bar => bar.getAttribute('aria-label'))).toEqual([
      '2025-03-01: 2 critical, 3 high, 1 medium, 2 low; 0 waived',
      '2025-03-02: 1 critical, 2 high, 1 medium, 1 low; 1 waived',
      '2025-03-03: 1 critical, 1 high, 1 medium, 1 low; 1 waived',
    ]);
    // heights relative to the scan with the most findings (8 of 64 px each)
    const critical = bars.map(bar =>
      Number(
        bar.querySelector('[data-severity="critical"]')!.getAttribute('height'),
      ),
    );
    expect(critical).toEqual([16, 8, 8]);
    expect(
      screen.getByText('The latest 3 scans, oldest first.'),
    ).toBeInTheDocument();
  });

  it('shows the findings when trend and waivers fail, with their errors', async () => {
    const policyApi = createPolicyApi({
      getLatestScan: async () => makeScan(),
      getTrend: async () => {
        throw new Error('trend unavailable');
      },
      listWaivers: async () => {
        throw new Error('waivers unavailable');
      },
    });
    await renderWithApis(card, { policyApi });
    expect(
      await screen.findByRole('table', { name: 'Findings' }),
    ).toBeInTheDocument();
    const trend = screen.getByRole('region', { name: 'Trend' });
    expect(
      (await within(trend).findAllByText(/trend unavailable/))[0],
    ).toBeInTheDocument();
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    expect(
      (await within(waivers).findAllByText(/waivers unavailable/))[0],
    ).toBeInTheDocument();
  });

  it('says so when the latest scan found nothing, and when there are no waivers', async () => {
    const policyApi = createPolicyApi({
      getLatestScan: async () =>
        makeScan({
          findings: [],
          errors: [],
          summary: {
            files: 1,
            resources: 1,
            findings: 0,
            bySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
            errors: 0,
          },
        }),
      getTrend: async () => [makeTrend()[0]],
      listWaivers: async () => [],
    });
    await renderWithApis(card, { policyApi });
    expect(
      await screen.findByText(
        'No findings: every rule passes on the files scanned.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/1 file, 1 resource\./)).toBeInTheDocument();
    expect(screen.queryByText(/could not be scanned/)).toBeNull();
    expect(await screen.findByText(/^No waivers\./)).toBeInTheDocument();
    expect(screen.getByText('One scan so far.')).toBeInTheDocument();
  });

  it('lists the waivers: pending first, with status, expiry and who asked', async () => {
    const expired = makeWaiver({
      id: 'waiver-expired',
      ruleId: 'docker-root-user',
      resourcePattern: 'Dockerfile',
      status: 'expired',
      expiresAt: '2025-01-01T00:00:00Z',
      requestedAt: '2024-06-01T00:00:00Z',
    });
    const policyApi = scanned([expired, makeWaiver(), makePendingWaiver()]);
    await renderWithApis(card, { policyApi, permissions: [REQUEST] });

    const table = await screen.findByRole('table', { name: 'Waivers' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.getAttribute('data-testid'))).toEqual([
      'waiver-waiver-pending',
      'waiver-waiver-approved',
      'waiver-waiver-expired',
    ]);
    const [pending, approved, old] = rows;
    expect(within(pending).getByText('pending')).toBeInTheDocument();
    expect(within(pending).getByText('2025-06-01')).toBeInTheDocument();
    expect(
      within(pending).getByText(
        'The bastion is reachable only through the office firewall',
      ),
    ).toBeInTheDocument();
    expect(within(approved).getByText('approved')).toBeInTheDocument();
    expect(
      within(approved).getByText('by user:default/bob'),
    ).toBeInTheDocument();
    expect(
      within(approved).getByText('user:default/alice'),
    ).toBeInTheDocument();
    expect(within(approved).getByText('3 findings')).toBeInTheDocument();
    expect(within(old).getByText('expired')).toBeInTheDocument();
    expect(within(old).getByText('2025-01-01')).toBeInTheDocument();
  });

  it('requests a waiver of a finding: resource prefilled, reason and expiry checked, then sent', async () => {
    const requested = makePendingWaiver({
      id: 'waiver-new',
      ruleId: 's3-encryption',
      resourcePattern: 'aws_s3_bucket.logs',
      reason: 'Only public build logs are stored in this bucket',
    });
    const policyApi = scanned([]);
    policyApi.listWaivers
      .mockResolvedValueOnce([])
      .mockResolvedValue([requested]);
    policyApi.requestWaiver.mockResolvedValue(requested);
    const { alertApi } = await renderWithApis(card, {
      policyApi,
      permissions: [REQUEST],
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request a waiver of s3-encryption for aws_s3_bucket.logs',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Request a waiver of s3-encryption',
    });
    const resources = within(dialog).getByRole('textbox', {
      name: /Resources/,
    });
    expect(resources).toHaveValue('aws_s3_bucket.logs');
    const expiry = within(dialog).getByLabelText(/Expires on/);
    expect(expiry).toHaveValue(dayFromNow(90));
    expect(expiry).toHaveAttribute('max', dayFromNow(365));

    // no reason, and an expiry beyond a year: refused here, nothing sent
    fireEvent.change(expiry, { target: { value: dayFromNow(400) } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request waiver' }),
    );
    expect(
      within(dialog).getByText(
        'Say why, in a sentence (10 characters at least)',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Choose a day from tomorrow to a year from today',
      ),
    ).toBeInTheDocument();
    expect(policyApi.requestWaiver).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Only public build logs are stored in this bucket',
    );
    fireEvent.change(expiry, { target: { value: dayFromNow(30) } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request waiver' }),
    );

    expect(policyApi.requestWaiver).toHaveBeenCalledWith({
      ruleId: 's3-encryption',
      entityRef: ENTITY_REF,
      resourcePattern: 'aws_s3_bucket.logs',
      reason: 'Only public build logs are stored in this bucket',
      expiresAt: `${dayFromNow(30)}T00:00:00.000Z`,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'success',
        message: expect.stringMatching(
          /^Requested a waiver of s3-encryption for aws_s3_bucket.logs/,
        ),
      }),
    );
    // the new request is listed, and the finding no longer offers one
    expect(await screen.findByTestId('waiver-waiver-new')).toBeInTheDocument();
    expect(policyApi.listWaivers).toHaveBeenCalledTimes(2);
    expect(
      screen.queryByRole('button', {
        name: 'Request a waiver of s3-encryption for aws_s3_bucket.logs',
      }),
    ).toBeNull();
  });

  it("sends an edited pattern, and keeps the dialog open with the agent's reason when it refuses", async () => {
    const policyApi = scanned([]);
    policyApi.requestWaiver.mockImplementation(async () => {
      throw await responseError(
        400,
        'InputError',
        'A waiver expires at most a year ahead',
      );
    });
    await renderWithApis(card, { policyApi, permissions: [REQUEST] });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request a waiver of s3-encryption for aws_s3_bucket.logs',
      }),
    );
    const dialog = screen.getByRole('dialog');
    const resources = within(dialog).getByRole('textbox', {
      name: /Resources/,
    });
    await userEvent.clear(resources);
    await userEvent.type(resources, 'aws_s3_bucket.*');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Buckets of public build logs only',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request waiver' }),
    );

    expect(policyApi.requestWaiver).toHaveBeenCalledWith(
      expect.objectContaining({ resourcePattern: 'aws_s3_bucket.*' }),
    );
    expect(
      await within(dialog).findByText('The agent refused the request'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('A waiver expires at most a year ahead'),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers approve and reject on pending waivers only, to those allowed for them', async () => {
    const pending = makePendingWaiver({ id: 'waiver-mine' });
    const policyApi = scanned([makeWaiver(), pending]);
    const asked: Array<string | undefined> = [];
    await renderWithApis(card, {
      policyApi,
      permissions: request => {
        if (request.permission.name === APPROVE) {
          asked.push(
            'resourceRef' in request ? request.resourceRef : undefined,
          );
          return true;
        }
        return false;
      },
    });

    const row = await screen.findByTestId('waiver-waiver-mine');
    expect(
      await within(row).findByRole('button', {
        name: 'Approve the waiver of sg-open-ssh for aws_security_group.bastion',
      }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', {
        name: 'Reject the waiver of sg-open-ssh for aws_security_group.bastion',
      }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('waiver-waiver-approved')).queryByRole(
        'button',
      ),
    ).toBeNull();
    // asked about the pending waiver only
    expect(asked).toEqual(['waiver-mine']);
  });

  it('shows no approve button without the permission', async () => {
    const policyApi = scanned([makePendingWaiver({ id: 'waiver-not-mine' })]);
    await renderWithApis(card, { policyApi, permissions: [REQUEST] });
    const row = await screen.findByTestId('waiver-waiver-not-mine');
    expect(
      await within(row).findByText(
        'Waits for the approval of an owner of the entity.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reject/ })).toBeNull();
  });

  it('approves a waiver, then shows the current state', async () => {
    const pending = makePendingWaiver({ id: 'waiver-approve' });
    const policyApi = scanned();
    policyApi.listWaivers
      .mockResolvedValueOnce([pending])
      .mockResolvedValue([{ ...pending, status: 'approved' }]);
    policyApi.approveWaiver.mockResolvedValue({
      ...pending,
      status: 'approved',
    });
    const { alertApi } = await renderWithApis(card, {
      policyApi,
      permissions: [APPROVE],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /^Approve the waiver/ }),
    );
    expect(policyApi.approveWaiver).toHaveBeenCalledWith('waiver-approve');
    const row = screen.getByTestId('waiver-waiver-approve');
    expect(await within(row).findByText('approved')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
    expect(policyApi.getLatestScan).toHaveBeenCalledTimes(2);
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'success',
        message: expect.stringMatching(/^Approved the waiver of sg-open-ssh/),
      }),
    );
  });

  it('shows a 409 from the agent beside the waiver, and the current state', async () => {
    const pending = makePendingWaiver({ id: 'waiver-conflict' });
    const policyApi = scanned();
    policyApi.listWaivers
      .mockResolvedValueOnce([pending])
      .mockResolvedValue([{ ...pending, status: 'rejected' }]);
    policyApi.rejectWaiver.mockImplementation(async () => {
      throw await responseError(
        409,
        'ConflictError',
        'Waiver waiver-conflict is rejected, not pending',
      );
    });
    const { alertApi } = await renderWithApis(card, {
      policyApi,
      permissions: [APPROVE],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /^Reject the waiver/ }),
    );
    expect(policyApi.rejectWaiver).toHaveBeenCalledWith('waiver-conflict');
    const alert = await within(
      screen.getByRole('table', { name: 'Waivers' }),
    ).findByRole('alert');
    expect(
      within(alert).getByText('This waiver is no longer pending'),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText(
        'Waiver waiver-conflict is rejected, not pending',
      ),
    ).toBeInTheDocument();
    expect(alertApi.post).not.toHaveBeenCalled();
    const row = screen.getByTestId('waiver-waiver-conflict');
    expect(await within(row).findByText('rejected')).toBeInTheDocument();
  });
});
