import { expect, test } from '@playwright/test';

test('guest opens the catalog and an example component', async ({ page }) => {
  await page.goto('/');

  // The embedded defaults sign in as guest.
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('Your Starred Entities')).toBeVisible();

  // The catalog opens on what the guest's team owns; show everything.
  await page.goto('/catalog');
  await expect(page.getByRole('link', { name: 'storefront' })).toBeVisible();
  await page.getByRole('menuitem', { name: /^All/ }).click();
  const component = page.getByRole('link', { name: 'checkout-service' });
  await expect(component).toBeVisible();
  await component.click();

  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service/,
  );
  await expect(
    page.getByText('REST service that turns a cart into a paid order.').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments Team' }).first(),
  ).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible();

  await page.screenshot({
    path: 'test-results/smoke/checkout-service.png',
    fullPage: true,
  });
});
