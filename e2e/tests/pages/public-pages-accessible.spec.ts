// Accessibility of every public page and form state at 320 px (reflow) and on a desktop; the
// projects `phone-320` and `desktop` run this file (playwright.config.ts).
import { expect, test } from '@playwright/test';
import { CheckAnswersPage } from '../../pages/check-answers-page';
import { ConfirmationPage } from '../../pages/confirmation-page';
import { LostItemFormPage } from '../../pages/lost-item-form-page';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { StartPage } from '../../pages/start-page';
import { expectAccessible } from '../../support/a11y';
import { DEMO_FORM, lostItemReport } from '../../support/data';

test('the start page is accessible', async ({ page }) => {
  const start = new StartPage(page);
  await start.open();
  await start.layout.expectChrome();
  await expect(start.formLink(DEMO_FORM.title)).toBeVisible();
  await expectAccessible(page, 'start page');
});

test('the form page is accessible, also after a failed "Weiter"', async ({ page }) => {
  const form = new LostItemFormPage(page);
  await form.open(DEMO_FORM.slug);
  await form.layout.expectChrome();
  await expectAccessible(page, 'form page 1');

  await form.continue();
  const placeRequired = 'Füllen Sie „Wo haben Sie die Sache gefunden?“ aus';
  await form.expectErrorSummary([placeRequired]);
  await form.expectFieldError(form.place, placeRequired);
  await expectAccessible(page, 'form page 1 with errors');
});

test('a date in the future is refused', async ({ page }) => {
  const form = new LostItemFormPage(page);
  const report = lostItemReport();
  const nextYear = String(new Date().getFullYear() + 1);
  await form.open(DEMO_FORM.slug);
  await form.fillDetails({ ...report, foundOn: { ...report.foundOn, year: nextYear } });
  await form.continue();
  await form.expectErrorSummary(['„Wann haben Sie die Sache gefunden?“ darf nicht in der Zukunft liegen']);
  await expect(form.dateInput('Jahr')).toHaveValue(nextYear);
  await expectAccessible(page, 'form page 1 with a future date');
});

test('the later form states are accessible', async ({ page }) => {
  const form = new LostItemFormPage(page);
  const checkAnswers = new CheckAnswersPage(page);
  const confirmation = new ConfirmationPage(page);
  const report = lostItemReport();

  await form.open(DEMO_FORM.slug);
  await form.fillDetails(report);
  await form.continue();
  await form.expectStep(2);
  await expectAccessible(page, 'form page 2');

  await form.fillContact(report);
  await form.continue();
  await checkAnswers.expectLoaded();
  await expectAccessible(page, 'check answers');

  await checkAnswers.acknowledgePrivacy();
  await checkAnswers.submit();
  await confirmation.expectLoaded();
  await expectAccessible(page, 'confirmation');
});

test('the staff login page is accessible', async ({ page }) => {
  const login = new StaffLoginPage(page);
  await login.open();
  await login.layout.expectChrome();
  await expectAccessible(page, 'staff login');
});

test('the service catalogue pages are accessible', async ({ page }) => {
  await page.goto('/leistungen');
  await expect(page.getByRole('heading', { level: 1, name: 'Alle Leistungen von A bis Z' })).toBeVisible();
  await expect(page.locator('main .service-list > li').first()).toBeVisible();
  await expectAccessible(page, 'all services A-Z');

  await page.goto('/leistungen/wohnsitz-anmelden');
  await expect(page.getByRole('heading', { level: 1, name: 'Wohnsitz anmelden' })).toBeVisible();
  await expectAccessible(page, 'service page');

  await page.goto('/leistungen/gibt-es-nicht');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'unknown service');
});

test('the digitisation status lists every service with its availability', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Digitalisierungsstand', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Digitalisierungsstand' })).toBeVisible();
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  // The totals add up to the number of services listed.
  const totals = await page.getByTestId('digital-totals').locator('li').allInnerTexts();
  const counted = totals.map((line) => Number(/: (\d+) \//.exec(line)?.[1] ?? 'NaN'));
  expect(counted.reduce((sum, count) => sum + count, 0)).toBe(total);
  await expect(page.getByRole('row', { name: /Hund anmelden.*Vollständig online/ })).toBeVisible();
  await expectAccessible(page, 'digitisation status');
});

test('the booking steps are accessible: concerns, checklist, location, calendar and list', async ({ page }) => {
  await page.goto('/termine?leistung=personalausweis-beantragen');
  await expect(page.getByLabel('Personalausweis beantragen', { exact: true })).toHaveValue('1');
  await expectAccessible(page, 'booking: concerns');
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Was Sie mitbringen müssen' })).toBeFocused();
  await expectAccessible(page, 'booking: checklist');
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.getByRole('radio', { name: /Beliebiger Standort/ }).check();
  await expectAccessible(page, 'booking: location');
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.locator('button.day--free').first()).toBeVisible();
  await expectAccessible(page, 'booking: calendar');
  await page.getByRole('button', { name: 'Als Liste anzeigen', exact: true }).click();
  await page.locator('.day-list button').first().click();
  await expect(page.locator('.time-list button').first()).toBeVisible();
  await expectAccessible(page, 'booking: free times of any location');
});
