import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityPolicyCard } from './EntityPolicyCard';
import {
  makePendingWaiver,
  makeScan,
  makeTrend,
  makeWaiver,
} from '../../__testUtils__/policyFixtures';
import { createPolicyApi, renderWithApis } from '../../__testUtils__/apis';

// On its own file: usePermission caches decisions in SWR's global cache, per
// permission and resourceRef, and the request permission has no resourceRef;
// a decision of another file's test would show first.

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

describe('EntityPolicyCard for a user with no policy permission', () => {
  it('shows findings and waivers, with no request, approve or reject', async () => {
    const policyApi = createPolicyApi({
      getLatestScan: async () => makeScan(),
      getTrend: async () => makeTrend(),
      listWaivers: async () => [makeWaiver(), makePendingWaiver()],
    });
    await renderWithApis(
      <EntityProvider entity={entity}>
        <EntityPolicyCard />
      </EntityProvider>,
      { policyApi, permissions: false },
    );

    const findings = await screen.findByRole('table', { name: 'Findings' });
    expect(within(findings).getAllByRole('row')).toHaveLength(5);
    expect(
      await screen.findByText(
        'Waits for the approval of an owner of the entity.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
