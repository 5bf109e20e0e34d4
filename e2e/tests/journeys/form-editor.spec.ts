// Journey: an editor builds a form with two pages, a conditional field, a choice list and an
// upload, previews it in the phone frame and publishes it; a citizen fills it in and sends it;
// the editor changes a field and publishes version 2; the diff between 1 and 2 shows the change,
// and staff find the first submission in the CSV as version 1.
import { resolve } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { StaffHomePage } from '../../pages/staff-home-page';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { expectAccessible } from '../../support/a11y';
import { parseCsv, BOM } from '../../support/csv';
import { DEMO_EDITOR, DEMO_STAFF, REFERENCE_NUMBER, TINY_PNG, uniqueSuffix } from '../../support/data';

async function signIn(page: Page, email: string, password: string): Promise<void> {
  const login = new StaffLoginPage(page);
  await login.open();
  await login.logIn(email, password);
  await expect(page).toHaveURL(/\/mitarbeiter\/?$/);
}

/** The outline entry of the field labelled `label`, and its select button. */
function outlineField(page: Page, label: string) {
  return page.locator('.editor-field').filter({ has: page.getByRole('button', { name: label, exact: true }) });
}

async function selectField(page: Page, label: string): Promise<void> {
  await outlineField(page, label).getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Eigenschaften: ${label}` })).toBeVisible();
}

async function citizenSends(browser: Browser, slug: string, id: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`/formulare/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: `Baumfällung ${id}` })).toBeVisible();
  await page.getByLabel('Art des Baumes', { exact: true }).fill('Linde');
  await page.getByRole('radio', { name: 'Bauvorhaben', exact: true }).check();
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Unterlagen' })).toBeVisible();
  // The condition: the building permit number is asked because of "Bauvorhaben".
  await page.getByLabel('Bauantragsnummer (optional)', { exact: true }).fill(`BA-${id}`);
  await page.getByLabel('Foto des Baumes (optional)', { exact: true }).setInputFiles({
    name: `linde-${id}.png`,
    mimeType: 'image/png',
    buffer: TINY_PNG,
  });
  await expect(page.getByRole('status').filter({ hasText: `linde-${id}.png` })).toHaveText(
    `linde-${id}.png wurde hochgeladen`,
  );
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.getByRole('button', { name: 'Angaben absenden', exact: true }).click();
  const reference = page.getByTestId('reference-number');
  await expect(reference).toHaveText(REFERENCE_NUMBER);
  const text = (await reference.innerText()).trim();
  await context.close();
  return text;
}

test('an editor builds, previews and publishes a form; version 2 keeps version 1 submissions', async ({
  page,
  browser,
}) => {
  const id = uniqueSuffix();
  const slug = `baumfaellung-${id}`.toLowerCase();

  await test.step('the editor opens the forms directory and creates a form', async () => {
    // From a citizen page the staff login loads the staff bundle (a full page load).
    await page.goto('/');
    await page.getByRole('link', { name: 'Anmeldung für Mitarbeitende' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Anmeldung für Mitarbeitende' })).toBeVisible();
    expect(await page.evaluate(() => document.querySelector('script[type="module"]')?.textContent ?? '')).toContain(
      'staff-',
    );
    await signIn(page, DEMO_EDITOR.email, DEMO_EDITOR.password);
    await page.getByRole('link', { name: 'Formulare', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Formulare' })).toBeVisible();
    await expectAccessible(page, 'forms directory');
    await page.getByRole('button', { name: 'Neues Formular', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Formular bearbeiten$/ })).toBeVisible();
  });

  await test.step('page 1: a text and a choice list', async () => {
    await page.getByLabel('Titel des Formulars', { exact: true }).fill(`Baumfällung ${id}`);
    await page.getByLabel('Adresse (/formulare/…)', { exact: true }).fill(slug);
    await page.getByLabel('Adresse (/formulare/…)', { exact: true }).press('Tab');
    await selectField(page, 'Neue Frage');
    await page.getByLabel('Beschriftung', { exact: true }).fill('Art des Baumes');
    await expect(page.getByLabel('Schlüssel (Name der Angabe in Exporten)')).toHaveValue('art_des_baumes');
    await page.getByLabel('Pflichtangabe').check();
    // A rule with the editor's own message.
    await page.getByLabel('Art der Prüfregel').selectOption({ label: 'Mindestlänge (Zeichen)' });
    await page.getByLabel('Wert', { exact: true }).fill('3');
    await page.getByLabel('Eigene Fehlermeldung (optional)', { exact: true }).fill('Bitte mindestens 3 Buchstaben');
    await page.getByRole('button', { name: 'Prüfregel hinzufügen' }).click();
    await expect(page.locator('.editor-rule strong')).toHaveText(['Mindestlänge (Zeichen): 3']);
    await page.getByLabel('Seitentitel', { exact: true }).first().fill('Der Baum');

    await page.getByLabel('Neues Feld').first().selectOption({ label: 'Auswahl (eine)' });
    await page.getByRole('button', { name: 'Hinzufügen (Seite 1)' }).click();
    await page.getByLabel('Beschriftung', { exact: true }).fill('Grund');
    await page.getByLabel('Auswahlmöglichkeiten (eine pro Zeile)').fill('Krankheit\nSturmschaden\nBauvorhaben');
    await page.getByLabel('Auswahlmöglichkeiten auf Englisch').fill('Disease\nStorm damage\nBuilding project');
    await page.getByLabel('Seitentitel auf Englisch', { exact: true }).first().fill('The tree');
    await page.getByLabel('Pflichtangabe').check();
  });

  await test.step('page 2: an upload and a field shown only for building projects', async () => {
    await page.getByRole('button', { name: 'Seite hinzufügen' }).click();
    await page.getByLabel('Seitentitel', { exact: true }).nth(1).fill('Unterlagen');
    await page.getByLabel('Neues Feld').nth(1).selectOption({ label: 'Datei-Upload' });
    await page.getByRole('button', { name: 'Hinzufügen (Seite 2)' }).click();
    await page.getByLabel('Beschriftung', { exact: true }).fill('Foto des Baumes');
    await page.getByLabel('Neues Feld').nth(1).selectOption({ label: 'Text (einzeilig)' });
    await page.getByRole('button', { name: 'Hinzufügen (Seite 2)' }).click();
    await page.getByLabel('Beschriftung', { exact: true }).fill('Bauantragsnummer');
    await page.getByLabel('Anzeigen, wenn (Bedingung)').fill('grund = "bauvorhaben"');
    // Moved up with the keyboard-accessible button: it comes before the upload now.
    await outlineField(page, 'Bauantragsnummer').getByRole('button', { name: '„Bauantragsnummer“ nach oben' }).click();
    const labels = page.locator('.editor-page').nth(1).locator('.editor-field-name');
    await expect(labels).toHaveText(['Bauantragsnummer', 'Foto des Baumes']);
    await expect(page.getByTestId('check-ok')).toBeVisible();
    // The case workers of this department see the submissions (saved at once).
    await page
      .getByLabel('Zuständiger Fachbereich (sieht die Anträge)', { exact: true })
      .selectOption({ label: 'Umweltamt und Abfallwirtschaft' });
    await expect(page.getByText('Fachbereich gespeichert.')).toBeVisible();
    // Finished submissions are erased a year after completion.
    await page.getByLabel('Aufbewahrungsfrist in Tagen nach Abschluss', { exact: true }).fill('365');
    await page.getByRole('button', { name: 'Frist speichern', exact: true }).click();
    await expect(page.getByText('Aufbewahrungsfrist gespeichert.')).toBeVisible();
    await expectAccessible(page, 'form editor');
  });

  await test.step('the phone preview renders the form with the citizen renderer', async () => {
    const preview = page.getByTestId('preview');
    await expect(preview).toHaveClass(/preview--phone/);
    await expect(preview.getByRole('heading', { level: 1, name: `Baumfällung ${id}` })).toBeVisible();
    await preview.getByLabel('Art des Baumes', { exact: true }).fill('Li');
    await preview.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(preview.getByTestId('error-summary')).toBeVisible();
    await expect(preview.getByTestId('error-summary')).toContainText('Bitte mindestens 3 Buchstaben');
    await expect(preview.getByTestId('error-summary')).toContainText('Grund');
  });

  await test.step('saved and published as version 1', async () => {
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
    await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Veröffentlicht als Version 1' })).toBeVisible();
    await expect(page.getByTestId('editor-status')).toHaveText('Veröffentlicht, Version 1');
    // The English texts are part of the published form.
    const published = await (await page.request.get(`/api/forms/${slug}`)).json();
    expect(published.definition.pages[0].title.en).toBe('The tree');
    expect(
      published.definition.pages[0].fields[1].options.map((option: { label: { en?: string } }) => option.label.en),
    ).toEqual(['Disease', 'Storm damage', 'Building project']);
  });

  const reference = await test.step('a citizen fills in and sends version 1', async () =>
    citizenSends(browser, slug, id),
  );

  await test.step('the editor renames a field and publishes version 2; the diff shows it', async () => {
    await selectField(page, 'Art des Baumes');
    await page.getByLabel('Beschriftung', { exact: true }).fill('Baumart');
    // A published field keeps its key, so answers of both versions stay in one column.
    await expect(page.getByLabel('Schlüssel (Name der Angabe in Exporten)')).toHaveValue('art_des_baumes');
    await page.getByRole('button', { name: 'Rückgängig', exact: true }).click();
    await expect(page.getByLabel('Beschriftung', { exact: true })).toHaveValue('Art des Baumes');
    await page.getByRole('button', { name: 'Wiederholen', exact: true }).click();
    await expect(page.getByLabel('Beschriftung', { exact: true })).toHaveValue('Baumart');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
    await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Veröffentlicht als Version 2' })).toBeVisible();
    await page.getByRole('button', { name: 'Änderungen anzeigen 1 → 2' }).click();
    const diff = page.getByTestId('diff');
    await expect(diff).toContainText('Geändert: Feld „Baumart“ (art_des_baumes)');
    await expect(diff).toContainText('Beschriftung: „Art des Baumes“ → „Baumart“');
    // Any old version can be viewed.
    await page.getByRole('button', { name: 'Version 1 ansehen' }).click();
    await expect(page.getByTestId('version-outline')).toContainText('Art des Baumes');
    await expectAccessible(page, 'form editor with versions and diff');
  });

  await test.step('staff find the first submission as version 1 in the CSV', async () => {
    const staff = await browser.newContext();
    const staffPage = await staff.newPage();
    await signIn(staffPage, DEMO_STAFF.email, DEMO_STAFF.password);
    const { text } = await new StaffHomePage(staffPage).downloadCsv(`Baumfällung ${id}`);
    const [header, ...rows] = parseCsv(text.slice(BOM.length)).filter((row) => row.length > 1);
    const row = rows.find((cells) => cells.includes(reference)) ?? [];
    expect(row[header?.indexOf('Formularversion') ?? -1]).toBe('1');
    expect(row).toContain('Linde');

    // The submission itself, shown with version 1's fields and its file.
    await staffPage.getByRole('link', { name: `Baumfällung ${id}`, exact: true }).click();
    await staffPage.getByRole('link', { name: reference, exact: true }).click();
    await expect(staffPage.getByRole('heading', { level: 1, name: `Antrag ${reference}` })).toBeVisible();
    const answers = staffPage.getByTestId('answers').first();
    await expect(answers).toContainText('Art des Baumes');
    await expect(answers).not.toContainText('Baumart');
    await expect(answers).toContainText('Linde');
    await expect(staffPage.getByRole('link', { name: `linde-${id}.png` })).toHaveAttribute('href', /\/api\/staff\/uploads\//);
    await expect(staffPage.getByTestId('staff-status')).toHaveText('Eingegangen');
    await expectAccessible(staffPage, 'staff view of a submission');

    // The case worker asks for more information; the history shows the message.
    await staffPage.getByRole('radio', { name: 'Angaben fehlen', exact: true }).check();
    await staffPage.getByLabel('Nachricht an die antragstellende Person (freiwillig)').fill('Bitte senden Sie ein zweites Foto.');
    await staffPage.getByRole('button', { name: 'Stand setzen', exact: true }).click();
    await expect(staffPage.getByTestId('staff-status')).toHaveText('Angaben fehlen');
    await expect(staffPage.locator('.status-history li')).toHaveCount(2);
    await expect(staffPage.locator('.status-history')).toContainText('Bitte senden Sie ein zweites Foto.');
    await expectAccessible(staffPage, 'staff view after a status change');

    // An internal note, for colleagues only.
    await staffPage.getByLabel('Neue Notiz', { exact: true }).fill('Foto unscharf, Rückfrage per E-Mail.');
    await staffPage.getByRole('button', { name: 'Notiz speichern', exact: true }).click();
    await expect(staffPage.getByTestId('notes')).toContainText('Foto unscharf, Rückfrage per E-Mail.');
    await expect(staffPage.getByTestId('notes')).toContainText('Sachbearbeitung Demo');
    await staff.close();
  });
});

test('an editor imports a FIM schema and reads the import report', async ({ page }) => {
  await signIn(page, DEMO_EDITOR.email, DEMO_EDITOR.password);
  await page.goto('/redaktion');
  await expect(page.getByRole('heading', { level: 1, name: 'Formulare' })).toBeVisible();
  await page
    .getByLabel('FIM-Stammdatenschema importieren (XDatenfelder 2.0 oder 3.0.0)')
    .setInputFiles(resolve(__dirname, '../../../backend/tests/fixtures/fim/hundesteuer-xdf2.xml'));
  const report = page.getByTestId('import-report');
  await expect(report.getByRole('heading', { name: 'Importbericht' })).toBeVisible();
  // The code list was not supplied: blocking until the editor enters the options.
  await expect(report).toContainText('F99000004 1.0');
  await expect(report).toContainText('muss vor der Veröffentlichung gelöst werden');
  await expect(report).toContainText('Listenhund');
  await expectAccessible(page, 'FIM import report');
  await report.getByRole('link', { name: 'Entwurf öffnen' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Anmeldung eines Hundes zur Hundesteuer – Formular bearbeiten' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Veröffentlichen', exact: true })).toBeDisabled();
});
