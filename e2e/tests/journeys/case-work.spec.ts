// Journey (issue 6): a case worker finds a new submission in the inbox, assigns it to
// themselves, asks the citizen for more information, completes it and downloads it (ZIP of a
// selection, PDF, ZIP, JSON, Excel); the citizen sees each step on the status page and gets
// e-mails; the admin finds it all in the audit log.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { CheckAnswersPage } from '../../pages/check-answers-page';
import { ConfirmationPage } from '../../pages/confirmation-page';
import { LostItemFormPage } from '../../pages/lost-item-form-page';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { StatusPage } from '../../pages/status-page';
import { expectAccessible } from '../../support/a11y';
import { DEMO_ADMIN, DEMO_FORM, DEMO_FUNDBUERO, lostItemReport } from '../../support/data';
import { mailAbout } from '../../support/mail';

async function signIn(page: Page, email: string, password: string): Promise<void> {
  const login = new StaffLoginPage(page);
  await login.open();
  await login.logIn(email, password);
  await expect(page).toHaveURL(/\/mitarbeiter\/?$/);
}

test('a case worker processes a submission from the inbox to completion', async ({ page, browser }) => {
  const report = lostItemReport();
  let reference = '';
  let accessCode = '';

  await test.step('a citizen reports a found item', async () => {
    const form = new LostItemFormPage(page);
    const checkAnswers = new CheckAnswersPage(page);
    const confirmation = new ConfirmationPage(page);
    await form.open(DEMO_FORM.slug);
    await form.fillDetails(report);
    await form.continue();
    await form.expectStep(2);
    await form.fillContact(report);
    await form.continue();
    await checkAnswers.expectLoaded();
    await checkAnswers.acknowledgePrivacy();
    await checkAnswers.submit();
    reference = await confirmation.reference();
    accessCode = await confirmation.code();
  });

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await test.step('the case worker finds it in the inbox by a word of the answers, marked new', async () => {
    await signIn(staff, DEMO_FUNDBUERO.email, DEMO_FUNDBUERO.password);
    await staff.getByRole('link', { name: 'Posteingang', exact: true }).click();
    await expect(staff.getByRole('heading', { level: 1, name: 'Posteingang' })).toBeVisible();
    await staff.getByLabel('Suche in den Angaben', { exact: true }).fill(report.lastName);
    await staff.getByRole('button', { name: 'Filtern', exact: true }).click();
    const rows = staff.getByTestId('inbox').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(reference);
    await expect(rows.first()).toContainText('neu');
    await expect(rows.first()).toContainText('Eingegangen');
    await expectAccessible(staff, 'inbox');
    await rows.first().getByRole('link', { name: reference, exact: true }).click();
    await expect(staff.getByRole('heading', { level: 1, name: `Antrag ${reference}` })).toBeVisible();
  });

  await test.step('assigned to themselves, they ask for more information', async () => {
    await staff.getByLabel('Bearbeitet von', { exact: true }).selectOption({ label: 'Fundbüro Demo' });
    await expect(staff.getByText('Zuweisung gespeichert.')).toBeVisible();
    await staff.getByRole('radio', { name: 'Angaben fehlen', exact: true }).check();
    await staff
      .getByLabel('Nachricht an die antragstellende Person (freiwillig)')
      .fill('Bitte beschreiben Sie den Griff genauer.');
    await staff.getByRole('button', { name: 'Stand setzen', exact: true }).click();
    await expect(staff.getByTestId('staff-status')).toHaveText('Angaben fehlen');
    await expectAccessible(staff, 'submission with an assignee');
  });

  await test.step('the citizen reads the request on the status page and in an e-mail', async () => {
    const status = new StatusPage(page);
    await status.open();
    await status.lookUp(reference, accessCode);
    await expect(status.currentStatus).toHaveText('Angaben fehlen');
    await expect(page.getByText('Bitte beschreiben Sie den Griff genauer.')).toBeVisible();
    await expect
      .poll(async () => (await mailAbout(reference)).filter((mail) => mail.text?.includes('Angaben fehlen')).length)
      .toBe(1);
  });

  await test.step('the case worker completes it; the inbox shows it assigned and no longer new', async () => {
    await staff.getByRole('radio', { name: 'Abgeschlossen', exact: true }).check();
    await staff.getByLabel('Nachricht an die antragstellende Person (freiwillig)').fill('Der Schirm wurde abgeholt.');
    await staff.getByRole('button', { name: 'Stand setzen', exact: true }).click();
    await expect(staff.getByTestId('staff-status')).toHaveText('Abgeschlossen');
    await staff.goto('/mitarbeiter/eingang');
    await staff.getByLabel('Status', { exact: true }).selectOption({ label: 'Abgeschlossen' });
    await staff.getByLabel('Zugewiesen', { exact: true }).selectOption({ label: 'mir' });
    await staff.getByRole('button', { name: 'Filtern', exact: true }).click();
    const row = staff.getByTestId('inbox').locator('tbody tr').filter({ hasText: reference });
    await expect(row).toContainText('Fundbüro Demo');
    await expect(row).not.toContainText('neu');
  });

  await test.step('the case worker downloads it in every format', async () => {
    const download = async (link: ReturnType<Page['getByRole']>): Promise<Buffer> => {
      const started = staff.waitForEvent('download');
      await link.click();
      const file = await started;
      expect(await file.failure()).toBeNull();
      return readFile(await file.path());
    };
    const row = staff.getByTestId('inbox').locator('tbody tr').filter({ hasText: reference });
    await row.getByRole('checkbox', { name: `Auswählen: ${reference}` }).check();
    const bundle = await download(staff.getByRole('link', { name: /^Auswahl als ZIP herunterladen/ }));
    expect(bundle.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(bundle.toString('latin1')).toContain(`${reference}/antrag.pdf`);
    await expectAccessible(staff, 'inbox with a selection');

    await row.getByRole('link', { name: reference, exact: true }).click();
    const pdf = await download(staff.getByRole('link', { name: 'PDF herunterladen', exact: true }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const zip = await download(staff.getByRole('link', { name: 'ZIP herunterladen', exact: true }));
    expect(zip.toString('latin1')).toContain(`${reference}/antrag.json`);

    await staff.goto('/mitarbeiter');
    const json = await download(staff.getByRole('link', { name: `JSON herunterladen – ${DEMO_FORM.title}` }));
    const items = JSON.parse(json.toString('utf8')) as { reference: string; answers: Record<string, unknown> }[];
    expect(items.find((item) => item.reference === reference)?.answers['nachname']).toBe(report.lastName);
    const xlsx = await download(staff.getByRole('link', { name: `Excel herunterladen – ${DEMO_FORM.title}` }));
    expect(xlsx.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(xlsx.toString('latin1')).toContain('xl/worksheets/sheet1.xml');
    await staffContext.close();
  });

  await test.step('the citizen sees the completion', async () => {
    const status = new StatusPage(page);
    await status.open();
    await status.lookUp(reference, accessCode);
    await expect(status.currentStatus).toHaveText('Abgeschlossen');
    await expect
      .poll(async () => (await mailAbout(reference)).filter((mail) => mail.text?.includes('Abgeschlossen')).length)
      .toBe(1);
  });

  await test.step('the admin finds every step in the audit log', async () => {
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await admin.goto('/mitarbeiter/protokoll');
    await admin.getByLabel('Datensatz (z. B. Aktenzeichen)', { exact: true }).fill(reference);
    await admin.getByRole('button', { name: 'Filtern', exact: true }).click();
    const actions = admin.getByTestId('audit-log').locator('tbody tr td:nth-child(3)');
    // Newest first; the page shows the submission again after each status change (a view).
    await expect(actions).toHaveText([
      'Anträge heruntergeladen',
      'Anträge heruntergeladen',
      'Antrag angesehen',
      'Anträge heruntergeladen',
      'Antrag angesehen',
      'Status geändert',
      'Antrag angesehen',
      'Status geändert',
      'Antrag zugewiesen',
      'Antrag angesehen',
    ]);
    await expectAccessible(admin, 'audit log of one submission');
    await adminContext.close();
  });
});
