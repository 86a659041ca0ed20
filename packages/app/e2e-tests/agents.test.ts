import { expect, test } from '@playwright/test';

test('the Agents tab of an example component shows a workflow finish', async ({
  page,
  request,
}) => {
  // Start a workflow about the component, as a guest, through the REST API.
  const session = await (
    await request.get('/api/auth/guest/refresh', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
  ).json();
  const created = await request.post('/api/planner/workflows', {
    headers: { Authorization: `Bearer ${session.backstageIdentity.token}` },
    data: {
      definition: 'catalog.entity-check',
      entityRef: 'component:default/storefront',
    },
  });
  expect(created.status()).toBe(201);
  const workflow = await created.json();
  // And a slower one, to watch it change state while the page is open.
  const slow = await request.post('/api/planner/workflows', {
    headers: { Authorization: `Bearer ${session.backstageIdentity.token}` },
    data: {
      definition: 'core.noop',
      title: 'Slow chain',
      entityRef: 'component:default/storefront',
      parameters: { tasks: 3, shape: 'chain', delayMs: 2000 },
    },
  });
  expect(slow.status()).toBe(201);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in (the session is stored) before navigating by URL.
  await expect(page.getByText('Your Starred Entities')).toBeVisible();
  await page.goto('/catalog/default/component/storefront/agents');

  await expect(page.getByRole('tab', { name: 'Agents' })).toBeVisible();
  const slowRow = page.getByRole('row').filter({ hasText: 'Slow chain' });
  await expect(slowRow.getByText('running', { exact: true })).toBeVisible();
  await expect(slowRow.getByText('succeeded', { exact: true })).toBeVisible({
    timeout: 30_000,
  });

  const row = page.getByRole('row').filter({ hasText: 'Catalog entity check' });
  await expect(row).toBeVisible();
  // Live status: the workflow runs to the end while the page is open.
  await expect(row.getByText(/succeeded/i)).toBeVisible({ timeout: 30_000 });

  // Its task graph (laid out after it renders) and its tasks.
  await row.getByRole('button').first().click();
  await expect(
    page
      .locator('svg text')
      .filter({ hasText: 'Summarise the findings' })
      .first(),
  ).toBeVisible();
  await expect(
    page.getByRole('cell', { name: /Read the entity from the catalog/ }),
  ).toBeVisible();
  await page.screenshot({
    path: 'test-results/smoke/agents-tab.png',
    fullPage: true,
  });

  // The same workflow on the /agentic page.
  await page.goto(`/agentic/workflows/${workflow.id}`);
  await expect(page.getByText('Catalog entity check').first()).toBeVisible();
  await expect(
    page
      .locator('svg text')
      .filter({ hasText: 'Summarise the findings' })
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'test-results/smoke/workflow-page.png',
    fullPage: true,
  });
});
