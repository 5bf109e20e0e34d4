// Departments: a case worker of the lost property office sees the forms of that department
// only; the case worker of several departments sees theirs.
import { expect, test } from '@playwright/test';
import { StaffHomePage } from '../../pages/staff-home-page';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { expectAccessible } from '../../support/a11y';
import { DEMO_FUNDBUERO, DEMO_STAFF } from '../../support/data';

test('case workers see the forms of their own departments only', async ({ page }) => {
  const login = new StaffLoginPage(page);
  const home = new StaffHomePage(page);

  await login.open();
  await login.logIn(DEMO_FUNDBUERO.email, DEMO_FUNDBUERO.password);
  await home.expectLoaded();
  await expect(page.getByTestId('staff-departments')).toHaveText('Ihre Fachbereiche: Ordnungsamt mit Fundbüro');
  await expect(home.formRow('Fundsache melden')).toBeVisible();
  await expect(home.formRow('Hund anmelden')).toHaveCount(0);
  await expect(home.formRow('Sperrmüll anmelden')).toHaveCount(0);
  await expectAccessible(page, 'staff overview of one department');

  await page.getByRole('button', { name: 'Abmelden' }).click();
  await login.open();
  await login.logIn(DEMO_STAFF.email, DEMO_STAFF.password);
  await home.expectLoaded();
  await expect(home.formRow('Fundsache melden')).toBeVisible();
  await expect(home.formRow('Hund anmelden')).toBeVisible();
  await expect(home.formRow('Sperrmüll anmelden')).toBeVisible();
});
