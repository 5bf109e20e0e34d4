// The Leichte Sprache switch: the start page and the form flow speak in short, simple sentences,
// the choice persists, and the pages stay accessible.
import { expect, test } from '@playwright/test';
import { StartPage } from '../../pages/start-page';
import { expectAccessible } from '../../support/a11y';

test('Leichte Sprache is chosen once and kept', async ({ page }) => {
  const start = new StartPage(page);
  await start.open();
  await page.getByRole('button', { name: 'Leichte Sprache', exact: true }).click();
  await expect(page.getByText('Hier können Sie Sachen bei der Stadt erledigen.', { exact: false })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Was möchten Sie erledigen?' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expectAccessible(page, 'start page in Leichte Sprache');

  // The choice persists across a reload, and the form uses the form's own ls texts.
  await page.goto('/formulare/hund-anmelden');
  await expect(page.getByRole('heading', { level: 1, name: 'Hund anmelden' })).toBeVisible();
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Da stimmt etwas nicht.' })).toBeVisible();
  await expectAccessible(page, 'form in Leichte Sprache with errors');
});
