// Departments and the audit log: a case worker of the lost property office sees the forms of
// that department only, the case worker of several departments sees theirs, and an admin finds
// their sign-ins in the audit log.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { StaffHomePage } from '../../pages/staff-home-page';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { expectAccessible } from '../../support/a11y';
import { DEMO_ADMIN, DEMO_FUNDBUERO, DEMO_STAFF } from '../../support/data';
import { totp } from '../../support/totp';

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

test('an admin finds sign-ins and views in the audit log', async ({ page }) => {
  const login = new StaffLoginPage(page);
  const home = new StaffHomePage(page);
  await login.open();
  await login.logIn(DEMO_FUNDBUERO.email, DEMO_FUNDBUERO.password);
  await home.expectLoaded();
  await page.getByRole('button', { name: 'Abmelden' }).click();

  await login.open();
  await login.logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await home.expectLoaded();
  await expect(page.getByTestId('staff-departments')).toHaveText(
    'Sie sehen die Anträge aller Fachbereiche (Administration).',
  );
  await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible();
  await page.getByLabel('Vorgang', { exact: true }).selectOption({ label: 'Anmeldung' });
  await page.getByLabel('Person (Name oder E-Mail)', { exact: true }).fill('fundbuero@');
  await page.getByRole('button', { name: 'Filtern', exact: true }).click();
  const rows = page.getByTestId('audit-log').locator('tbody tr');
  await expect(rows.first()).toContainText('Fundbüro Demo <fundbuero@musterstadt.example>');
  await expect(rows.first()).toContainText('Anmeldung');
  await expect(rows.filter({ hasNotText: 'fundbuero@musterstadt.example' })).toHaveCount(0);
  await expectAccessible(page, 'audit log');
});

test('key figures are charts with tables and CSV downloads', async ({ page }) => {
  const login = new StaffLoginPage(page);
  await login.open();
  await login.logIn(DEMO_STAFF.email, DEMO_STAFF.password);
  await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kennzahlen' })).toBeVisible();
  for (const heading of [
    'Anträge pro Monat',
    'Bearbeitungsdauer vom Eingang bis zum Abschluss',
    'Anträge nach Status',
    'Leistungen nach Online-Angebot',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByRole('img', { name: /^Anträge nach Status/ })).toBeVisible();
  const online = page.getByTestId('figure-online');
  await expect(online.getByRole('row', { name: /vollständig online/ })).toBeVisible();
  await expectAccessible(page, 'key figures');

  const downloaded = page.waitForEvent('download');
  await online.getByRole('button', { name: 'CSV herunterladen – Leistungen nach Online-Angebot' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe('kennzahlen-online.csv');
  const text = (await readFile(await download.path())).toString('utf8');
  expect(text.startsWith('\uFEFF"Angebot";"Leistungen";"Anteil"')).toBe(true);
  expect(text).toContain('"vollständig online"');
});

test('an admin creates an account, and its owner changes the password', async ({ page }) => {
  const login = new StaffLoginPage(page);
  const email = `gerda.${Date.now()}@musterstadt.example`;
  await login.open();
  await login.logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole('link', { name: 'Benutzerkonten', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzerkonten' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Gerda Test');
  await page.getByLabel('E-Mail-Adresse (zum Anmelden)', { exact: true }).fill(email);
  await page.getByLabel('Fachbereich', { exact: true }).first().selectOption({ label: 'Ordnungsamt mit Fundbüro' });
  await page.getByLabel('Erstes Passwort', { exact: true }).fill('Erstes-Passwort-123');
  await page.getByRole('button', { name: 'Konto anlegen', exact: true }).click();
  await expect(page.getByText('Das Konto wurde angelegt.')).toBeVisible();
  await expect(page.getByTestId('users')).toContainText(`Gerda Test <${email}>`);
  await expectAccessible(page, 'user accounts');
  // Signing out is on the overview.
  await page.goto('/mitarbeiter');
  await page.getByRole('button', { name: 'Abmelden' }).click();

  await login.open();
  await login.logIn(email, 'Erstes-Passwort-123');
  await expect(page.getByTestId('staff-departments')).toHaveText('Ihre Fachbereiche: Ordnungsamt mit Fundbüro');
  await page.getByRole('link', { name: 'Passwort ändern', exact: true }).click();
  await page.getByLabel('Bisheriges Passwort', { exact: true }).fill('Erstes-Passwort-123');
  await page.getByLabel('Neues Passwort', { exact: true }).fill('Mein-eigenes-Passwort-456');
  await page.getByRole('button', { name: 'Passwort ändern', exact: true }).click();
  await expect(page.getByText('Ihr Passwort wurde geändert. Andere Anmeldungen wurden beendet.')).toBeVisible();
  await expectAccessible(page, 'change password');

  // A second factor: set up with the key, then every sign-in asks for a fresh code.
  await page.getByRole('button', { name: 'Zweiten Faktor einrichten', exact: true }).click();
  await expect(page.getByRole('img', { name: /^QR-Code für die Authenticator-App/ })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
  await page.getByLabel('Code aus Ihrer Authenticator-App (6 Ziffern)', { exact: true }).fill(totp(secret));
  await page.getByRole('button', { name: 'Einschalten', exact: true }).click();
  await expect(page.getByText('Der zweite Faktor ist eingeschaltet.', { exact: true })).toBeVisible();
  await expectAccessible(page, 'second factor on');

  await page.goto('/mitarbeiter');
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await login.open();
  await login.logIn(email, 'Mein-eigenes-Passwort-456');
  const code = page.getByLabel('Code aus Ihrer Authenticator-App (6 Ziffern)', { exact: true });
  await expect(code).toBeVisible();
  await expect(page.getByTestId('error-summary')).toContainText('Geben Sie den Code aus Ihrer Authenticator-App ein');
  await expectAccessible(page, 'sign-in asking for the code');
  // The code of the next time step (the current one was used to switch it on).
  await code.fill(totp(secret, 1));
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByTestId('staff-departments')).toBeVisible();
});
