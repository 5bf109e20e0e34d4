// Journey: a citizen finds "Hund anmelden" by search, registers two dogs for dog tax on a phone,
// downloads the PDF receipt, receives the confirmation e-mail (fee and GiroCode) and looks up the
// status. On the way it exercises the form engine in the browser:
// address and date groups, a time, a cross-field check, a repeatable group whose items show a
// field only for large dogs, a multiple choice that reveals a file upload, a computed fee, a
// yes/no that reveals IBAN fields, and the IBAN check.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { CheckAnswersPage } from '../../pages/check-answers-page';
import { ConfirmationPage } from '../../pages/confirmation-page';
import { ServicesPage } from '../../pages/services-page';
import { StartPage } from '../../pages/start-page';
import { StatusPage } from '../../pages/status-page';
import { expectAccessible } from '../../support/a11y';
import { uniqueSuffix } from '../../support/data';
import { mailAbout } from '../../support/mail';

const PDF = Buffer.from('%PDF-1.4\n% Versicherung\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function fillDate(group: Locator, day: string, month: string, year: string): Promise<void> {
  await group.getByLabel('Tag', { exact: true }).fill(day);
  await group.getByLabel('Monat', { exact: true }).fill(month);
  await group.getByLabel('Jahr', { exact: true }).fill(year);
}

function errorSummary(page: Page): Locator {
  return page.getByTestId('error-summary');
}

async function continueTo(page: Page, section: string): Promise<void> {
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
}

test('two dogs are registered with group logic, an upload, a computed fee and an IBAN', async ({
  page,
}) => {
  const id = uniqueSuffix();
  const lastName = `Muster-${id}`;
  const proof = `haftpflicht-${id}.pdf`;

  await test.step('the citizen searches for the service and opens its online form', async () => {
    const services = new ServicesPage(page);
    await new StartPage(page).open();
    await services.search('Hundesteuer');
    await services.expectFirstResult('Hund anmelden (Hundesteuer)');
    await services.openResult('Hund anmelden (Hundesteuer)');
    await page.getByRole('link', { name: 'Online beantragen', exact: true }).click();
    await expect(page).toHaveURL(/\/formulare\/hund-anmelden$/);
  });

  await test.step('page 1: contact details; the e-mail repeat must match', async () => {
    await expect(page.getByRole('heading', { level: 2, name: 'Ihre Angaben' })).toBeVisible();
    await page.getByLabel('Vorname', { exact: true }).fill('Erika');
    await page.getByLabel('Nachname', { exact: true }).fill(lastName);
    await fillDate(page.getByRole('group', { name: 'Geburtsdatum' }), '27', '3', '1980');
    const address = page.getByRole('group', { name: 'Anschrift' });
    await address.getByLabel('Straße', { exact: true }).fill('Hauptstraße');
    await address.getByLabel('Hausnummer', { exact: true }).fill('5a');
    await address.getByLabel('Postleitzahl', { exact: true }).fill('01067');
    await address.getByLabel('Ort', { exact: true }).fill('Musterstadt');
    // A condition: the time field appears once a phone number is given.
    const reachable = page.getByLabel('Telefonisch erreichbar ab (optional)', { exact: true });
    await expect(reachable).toHaveCount(0);
    await page.getByLabel('Telefon (optional)', { exact: true }).fill('0351 123456');
    await reachable.fill('1430');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(`erika.${id}@example.org`);
    await page.getByLabel('E-Mail-Adresse wiederholen', { exact: true }).fill(`erica.${id}@example.org`);
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();

    await expect(errorSummary(page)).toBeFocused();
    await expect(
      errorSummary(page).getByRole('link', {
        name: 'Die beiden E-Mail-Adressen stimmen nicht überein',
      }),
    ).toBeVisible();
    await expectAccessible(page, 'dog form page 1 with an error');
    await page.getByLabel('E-Mail-Adresse wiederholen', { exact: true }).fill(`erika.${id}@example.org`);
    await continueTo(page, 'Ihre Hunde');
  });

  await test.step('page 2: two dogs; only the large one needs a certificate date', async () => {
    const first = page.getByRole('group', { name: 'Hund 1' });
    await first.getByLabel('Name des Hundes', { exact: true }).fill('Bello');
    await first.getByLabel('Rasse', { exact: true }).fill('Labrador');
    await first.getByLabel('Chipnummer', { exact: true }).fill('276098106543210');
    const certificate = first.getByRole('group', { name: 'Sachkundenachweis erbracht am' });
    await expect(certificate).toHaveCount(0);
    await first.getByLabel('Schulterhöhe in cm (optional)', { exact: true }).fill('55');
    await expect(certificate).toBeVisible();

    await page.getByRole('button', { name: 'Eintrag hinzufügen (Hund)', exact: true }).click();
    const second = page.getByRole('group', { name: 'Hund 2' });
    // Focus continues in the new entry.
    await expect(second.getByLabel('Name des Hundes', { exact: true })).toBeFocused();
    await second.getByLabel('Name des Hundes', { exact: true }).fill('Luna');
    await second.getByLabel('Rasse', { exact: true }).fill('Dackel');
    await second.getByLabel('Chipnummer', { exact: true }).fill('276098106543211');
    await second.getByLabel('Schulterhöhe in cm (optional)', { exact: true }).fill('25');
    await expect(second.getByRole('group', { name: 'Sachkundenachweis erbracht am' })).toHaveCount(0);

    const since = new Date();
    since.setMonth(since.getMonth() - 1);
    await fillDate(
      page.getByRole('group', { name: 'Seit wann halten Sie den Hund in Musterstadt?' }),
      String(since.getDate()),
      String(since.getMonth() + 1),
      String(since.getFullYear()),
    );
    // A multiple choice reveals the upload.
    await page.getByRole('checkbox', { name: 'Hundehaftpflichtversicherung', exact: true }).check();
    const upload = page.getByLabel('Nachweis der Haftpflichtversicherung (optional)', { exact: true });
    await upload.setInputFiles({ name: proof, mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('status').filter({ hasText: proof })).toHaveText(
      `${proof} wurde hochgeladen`,
    );

    // The missing certificate date is reported for the first dog only, naming it.
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(errorSummary(page)).toBeFocused();
    const links = errorSummary(page).getByRole('link');
    await expect(links).toHaveCount(1);
    await expect(links.first()).toHaveText(/^Hund 1: .*Sachkundenachweis erbracht am/);
    await expectAccessible(page, 'dog form page 2 with an error');
    await fillDate(certificate, '1', '6', '2024');
    await continueTo(page, 'Zahlung');
  });

  await test.step('page 3: the fee is computed; direct debit asks for a valid IBAN', async () => {
    await expect(page.getByText('216,00 €', { exact: true })).toBeVisible();
    const iban = page.getByLabel('IBAN', { exact: true });
    await expect(iban).toHaveCount(0);
    await page
      .getByRole('group', { name: 'Möchten Sie per Lastschrift zahlen?' })
      .getByRole('radio', { name: 'Ja', exact: true })
      .check();
    await page.getByLabel('Kontoinhaberin oder Kontoinhaber', { exact: true }).fill(`Erika ${lastName}`);
    await iban.fill('DE89 3704 0044 0532 0130 01');
    await page
      .getByRole('checkbox', { name: 'Ich erteile der Stadtkasse Musterstadt ein SEPA-Lastschriftmandat' })
      .check();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(errorSummary(page).getByRole('link', { name: /IBAN/ })).toBeVisible();
    await expect(iban).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'dog form page 3 with an error');
    await iban.fill('de89370400440532013000');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  });

  await test.step('the answers are checked and sent', async () => {
    const checkAnswers = new CheckAnswersPage(page);
    await checkAnswers.expectLoaded();
    for (const value of ['Bello', 'Luna', proof, '216,00 €', 'DE89 3704 0044 0532 0130 00', '14:30']) {
      await expect(page.getByText(value).first()).toBeVisible();
    }
    await expectAccessible(page, 'dog form check answers');
    // The privacy notice (Art. 13 DSGVO) must be confirmed before sending.
    await expect(page.getByRole('heading', { level: 2, name: 'Datenschutzhinweise' })).toBeVisible();
    await checkAnswers.submit();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await summary
      .getByRole('link', { name: 'Bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben' })
      .click();
    const acknowledge = checkAnswers.privacyAcknowledgement;
    await expect(acknowledge).toBeFocused();
    await expect(page).toHaveTitle(/^Fehler: /);
    await expectAccessible(page, 'dog form check answers with an error');
    await acknowledge.check();
    await checkAnswers.submit();
    await new ConfirmationPage(page).expectLoaded();
  });

  await test.step('the confirmation says how to pay the tax, with a GiroCode', async () => {
    await expect(page.getByRole('heading', { level: 2, name: 'Gebühr bezahlen' })).toBeVisible();
    await expect(page.getByTestId('payment-amount')).toHaveText('216,00 €');
    await expect(page.getByText('DE89 3704 0044 0532 0130 00', { exact: true })).toBeVisible();
    await expect(page.getByText(/^BP-\d{4}-\d{6} Hundesteuer$/)).toBeVisible();
    const girocode = page.getByRole('img', { name: /^GiroCode für die Überweisung: 216,00 €/ });
    await expect(girocode).toBeVisible();
    // The image really loaded (a data: URI the CSP allows), at its full size.
    expect(await girocode.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThanOrEqual(200);
    await expectAccessible(page, 'confirmation with payment');
  });

  await test.step('the PDF receipt downloads from the confirmation page', async () => {
    const confirmation = new ConfirmationPage(page);
    const reference = await confirmation.reference();
    const receipt = await confirmation.downloadReceipt();
    expect(receipt.name).toBe(`Eingangsbestaetigung-${reference}.pdf`);
    expect(receipt.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Tagged for screen readers (PDF/UA): the catalogue names a structure tree.
    expect(receipt.bytes.toString('latin1')).toContain('/StructTreeRoot');
  });

  await test.step('a confirmation e-mail with the fee and the GiroCode reaches the mailbox', async () => {
    const reference = await new ConfirmationPage(page).reference();
    await expect(page.getByTestId('confirmation-email')).toHaveText(`erika.${id}@example.org`);
    // Sent by the outbox worker right after the submission; the sink writes it to disk.
    await expect.poll(async () => (await mailAbout(reference)).length).toBe(1);
    const mail = (await mailAbout(reference))[0];
    if (!mail) throw new Error(`no e-mail about ${reference}`);
    expect(mail.subject).toBe(`Eingangsbestätigung ${reference}: Hund anmelden (Hundesteuer)`);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(`erika.${id}@example.org`);
    expect(mail.text).toContain('216,00 €');
    expect(mail.text).toContain('DE89 3704 0044 0532 0130 00');
    expect(mail.text).toContain(`${reference} Hundesteuer`);
    const girocode = mail.attachments.find((part) => part.cid === 'girocode');
    expect(girocode?.contentType).toBe('image/png');
  });

  await test.step('with the access code the citizen looks up the processing status', async () => {
    const confirmation = new ConfirmationPage(page);
    const reference = await confirmation.reference();
    const accessCode = await confirmation.code();
    await page.getByRole('link', { name: 'Bearbeitungsstand abfragen', exact: true }).click();
    const status = new StatusPage(page);
    await status.lookUp(reference, accessCode);
    await expect(status.currentStatus).toHaveText('Eingegangen');
  });
});
