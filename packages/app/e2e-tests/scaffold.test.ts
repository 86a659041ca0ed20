import { expect, Page, test } from '@playwright/test';

const TEMPLATE_TITLE = 'Microservice (Python, Node.js or Go)';

/** The steps the template runs when publishing locally (the GitLab ones are skipped). */
const LOCAL_STEPS = [
  'Check the request',
  'Start the scaffolding workflow',
  'Generate the files every service has',
  "Generate the service's code in its language",
  'Check the policies',
  'Publish to a local git repository',
  'Register in the catalog',
  'Wait for the scaffolding workflow',
  'Record the policy scan for the service',
];

/** Picks an option of a Material UI select (an enum field of the form). */
async function select(page: Page, label: RegExp, option: string) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

test('a guest creates a Python service from the microservice template', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Unique per run: the local repositories folder outlives the in-memory catalog.
  const name = `e2e-svc-${Date.now().toString(36)}`;

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('Your Starred Entities')).toBeVisible();

  // Create → the microservice template.
  await page.getByRole('link', { name: 'Create...' }).click();
  await expect(page).toHaveURL(/\/create/);
  // The innermost element with the title and a Choose button: its card.
  const card = page
    .locator('div')
    .filter({ has: page.getByText(TEMPLATE_TITLE, { exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last();
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/microservice/);

  // Step 1: the service.
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page
    .getByRole('textbox', { name: /^Description/ })
    .fill('Created by the browser test.');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('payments');
  await page
    .getByRole('option', { name: /payments/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: the stack.
  await select(page, /^Language/, 'Python (FastAPI)');
  await select(page, /^Database/, 'None (in memory)');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: where to publish (local is the default; chosen explicitly).
  await select(page, /^Publish to/, 'A git repository on the portal (local)');
  await page.getByRole('button', { name: 'Review' }).click();

  // Review, then run.
  await expect(page.getByText(name).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: every step completes, and the outputs appear.
  await expect(page).toHaveURL(/\/create\/tasks\/[^/]+$/);
  const taskId = page.url().split('/').pop()!;
  const catalogLink = page.getByRole('link', { name: 'Open in the catalog' });
  await expect(catalogLink).toBeVisible({ timeout: 60_000 });
  const session = await (
    await request.get('/api/auth/guest/refresh', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
  ).json();
  const task = await (
    await request.get(`/api/scaffolder/v2/tasks/${taskId}`, {
      headers: { Authorization: `Bearer ${session.backstageIdentity.token}` },
    })
  ).json();
  expect(task.status).toBe('completed');
  // A completed step shows a check; the GitLab steps are skipped.
  const labels = page.getByTestId('step-label');
  const completed = labels.filter({
    has: page.locator('svg path[d^="M16.59 7.58"]'),
  });
  await expect(completed).toHaveCount(LOCAL_STEPS.length);
  for (const step of LOCAL_STEPS) {
    await expect(completed.filter({ hasText: step })).toHaveCount(1);
  }
  await expect(labels.filter({ hasText: 'Publish to GitLab' })).toBeVisible();
  await expect(completed.filter({ hasText: 'GitLab' })).toHaveCount(0);
  await page.screenshot({
    path: 'test-results/scaffold/task.png',
    fullPage: true,
  });

  // The new component in the catalog, with its owner.
  await catalogLink.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}$`),
  );
  await expect(
    page.getByText('Created by the browser test.').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments Team' }).first(),
  ).toBeVisible();

  // Its Agents tab: the scaffold.service workflow, finished.
  await page.getByRole('tab', { name: 'Agents' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}/agents$`),
  );
  const row = page.getByRole('row').filter({ hasText: `Scaffold ${name}` });
  await expect(row.getByText('scaffold.service')).toBeVisible();
  await expect(row.getByText('succeeded', { exact: true })).toBeVisible({
    timeout: 30_000,
  });
  // One task per phase the workflow followed: validate, generate, policy,
  // publish, register, and the wait for the catalog.
  await expect(row.getByText('6/6 tasks')).toBeVisible();
  await page.screenshot({
    path: 'test-results/scaffold/agents-tab.png',
    fullPage: true,
  });
});
