// Journey (issue 6, DSGVO): an admin finds a citizen's submissions by e-mail address,
// downloads a copy (Art. 15) and erases them (Art. 17) after confirming; afterwards nothing is
// found, and the status page still knows the reference number.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { CheckAnswersPage } from '../../pages/check-answers-page';
import { ConfirmationPage } from '../../pages/confirmation-page';
import { LostItemFormPage } from '../../pages/lost-item-form-page';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { StatusPage } from '../../pages/status-page';
import { expectAccessible } from '../../support/a11y';
import { DEMO_ADMIN, DEMO_FORM, lostItemReport } from '../../support/data';

test('an admin gives a person a copy of their data and erases it', async ({ page, browser }) => {
  const report = lostItemReport();
  const form = new LostItemFormPage(page);
  const checkAnswers = new CheckAnswersPage(page);
  const confirmation = new ConfirmationPage(page);
  await form.open(DEMO_FORM.slug);
  await form.fillDetails(report);
  await form.continue();
  await form.fillContact(report);
  await form.continue();
  await checkAnswers.acknowledgePrivacy();
  await checkAnswers.submit();
  const reference = await confirmation.reference();
  const accessCode = await confirmation.code();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const login = new StaffLoginPage(admin);
  await login.open();
  await login.logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await admin.getByRole('link', { name: 'Auskunft und Löschung', exact: true }).click();
  await admin.getByLabel('E-Mail-Adresse der Person', { exact: true }).fill(report.email.toUpperCase());
  await admin.getByRole('button', { name: 'Suchen', exact: true }).click();
  const result = admin.getByTestId('privacy-result');
  await expect(result.locator('tbody tr')).toHaveCount(1);
  await expect(result).toContainText(reference);
  await expectAccessible(admin, 'privacy requests with a result');

  const downloaded = admin.waitForEvent('download');
  await admin.getByRole('link', { name: /^Kopie aller Anträge herunterladen/ }).click();
  const copy = await readFile(await (await downloaded).path());
  expect(copy.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  expect(copy.toString('latin1')).toContain(`${reference}/antrag.pdf`);

  const erase = admin.getByRole('button', { name: 'Endgültig löschen', exact: true });
  await expect(erase).toBeDisabled();
  await admin.getByLabel(/^Ich habe den Antrag auf Löschung geprüft/).check();
  await erase.click();
  await expect(admin.getByText('Die Daten wurden gelöscht.')).toBeVisible();
  await expect(admin.getByTestId('privacy-result')).toHaveText(
    'Zu dieser E-Mail-Adresse sind keine Daten (mehr) gespeichert.',
  );
  await expectAccessible(admin, 'privacy requests after the erasure');

  // The audit log names the references, not the person.
  await admin.goto('/mitarbeiter/protokoll');
  await admin.getByLabel('Datensatz (z. B. Aktenzeichen)', { exact: true }).fill(reference);
  await admin.getByRole('button', { name: 'Filtern', exact: true }).click();
  const actions = admin.getByTestId('audit-log').locator('tbody tr td:nth-child(3)');
  await expect(actions).toHaveText(['Auf Antrag gelöscht (Art. 17)', 'Auskunft erteilt (Art. 15)']);
  await expect(admin.getByTestId('audit-log')).not.toContainText(report.email);
  await adminContext.close();

  // The citizen can still look up the status of the (now empty) application.
  const status = new StatusPage(page);
  await status.open();
  await status.lookUp(reference, accessCode);
  await expect(status.currentStatus).toHaveText('Eingegangen');
});
