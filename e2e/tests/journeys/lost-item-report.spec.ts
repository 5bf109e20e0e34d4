// Journey: a citizen reports a found item on a phone, corrects an invalid value, submits and gets
// a reference number; staff then log in and find that submission in the CSV export.
import { expect, test } from '@playwright/test';
import { CheckAnswersPage } from '../../pages/check-answers-page';
import { ConfirmationPage } from '../../pages/confirmation-page';
import { mailAbout } from '../../support/mail';
import { LostItemFormPage } from '../../pages/lost-item-form-page';
import { StaffHomePage } from '../../pages/staff-home-page';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { StatusPage } from '../../pages/status-page';
import { StartPage } from '../../pages/start-page';
import { expectAccessible } from '../../support/a11y';
import { BOM, parseCsv } from '../../support/csv';
import { DEMO_FORM, DEMO_STAFF, TINY_PNG, lostItemReport } from '../../support/data';

const VALUE_NOT_A_NUMBER =
  'Geben Sie bei „Geschätzter Wert in Euro“ eine ganze Zahl an, z. B. 3';

test('a citizen corrects an invalid value, submits, and staff find the submission in the CSV', async ({
  page,
}) => {
  const report = lostItemReport();
  const start = new StartPage(page);
  const form = new LostItemFormPage(page);
  const checkAnswers = new CheckAnswersPage(page);
  const confirmation = new ConfirmationPage(page);
  let reference = '';

  await test.step('the citizen opens the demo form from the start page', async () => {
    await start.open();
    await start.layout.expectChrome();
    await expectAccessible(page, 'start page');

    await start.openForm(DEMO_FORM.title);
    await expect(page).toHaveURL(new RegExp(`/formulare/${DEMO_FORM.slug}$`));
    await form.expectStep(1);
    await expectAccessible(page, 'form page 1');
  });

  await test.step('an invalid value is reported in the summary and at the field', async () => {
    await form.fillDetails({ ...report, value: 'zwölf' });
    await form.continue();

    await form.expectErrorSummary([VALUE_NOT_A_NUMBER]);
    await form.expectFieldError(form.value, VALUE_NOT_A_NUMBER);
    // Entered values are kept.
    await expect(form.item).toHaveValue(report.item);
    await expect(form.place).toHaveValue(report.place);
    await expect(form.value).toHaveValue('zwölf');
    await expectAccessible(page, 'form page 1 with an error');
  });

  const photo = `fundstueck-${report.lastName}.png`;
  await test.step('the citizen attaches a photo; a file of the wrong type is refused', async () => {
    await form.choosePhoto({ name: 'notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('Notiz') });
    await form.expectUploadRefused(
      'notiz.txt: Die Datei bei „Foto der Fundsache“ hat ein Format, das nicht erlaubt ist',
    );
    await form.choosePhoto({ name: photo, mimeType: 'image/png', buffer: TINY_PNG });
    await form.expectUploaded(photo);
    await expectAccessible(page, 'form page 1 with an uploaded photo');
  });

  await test.step('the corrected value lets the citizen continue', async () => {
    await form.value.fill(report.value);
    await form.continue();
    await form.expectStep(2);
    await form.expectNoErrors();
    await expectAccessible(page, 'form page 2');
  });

  await test.step('the citizen gives contact details and checks the answers', async () => {
    await form.fillContact(report);
    await form.continue();
    await checkAnswers.expectLoaded();
    await checkAnswers.expectAnswers([report.item, photo, report.place, report.lastName, report.email]);
    await expectAccessible(page, 'check answers');
  });

  let accessCode = '';
  await test.step('the citizen submits and gets a reference number and an access code', async () => {
    await checkAnswers.acknowledgePrivacy();
    await checkAnswers.submit();
    reference = await confirmation.reference();
    accessCode = await confirmation.code();
    await expectAccessible(page, 'confirmation');
  });

  await test.step('the receipt PDF downloads and a confirmation e-mail arrives', async () => {
    const receipt = await confirmation.downloadReceipt();
    expect(receipt.name).toBe(`Eingangsbestaetigung-${reference}.pdf`);
    expect(receipt.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect.poll(async () => (await mailAbout(reference)).length).toBe(1);
    const mail = (await mailAbout(reference))[0];
    expect(mail?.text).toContain(reference);
    // No fee for a found item, and the access code never travels by e-mail.
    expect(mail?.text).not.toContain('IBAN');
    expect(mail?.text).not.toContain(accessCode);
  });

  await test.step('with both, the citizen sees the status; a wrong code reveals nothing', async () => {
    const status = new StatusPage(page);
    await page.getByRole('link', { name: 'Bearbeitungsstand abfragen', exact: true }).click();
    await expect(status.heading).toBeVisible();
    await status.lookUp(reference, '2222-2222-2222');
    await expect(status.errorSummary).toBeFocused();
    await expect(status.errorSummary).toContainText(
      'Zu diesem Aktenzeichen und diesem Zugangscode gibt es keinen Antrag',
    );
    await expectAccessible(page, 'status page with an error');
    // Typed casually: lower case, spaces instead of dashes.
    await status.lookUp(reference.toLowerCase(), accessCode.toLowerCase().replaceAll('-', ' '));
    await expect(status.currentStatus).toHaveText('Eingegangen');
    await expect(page.getByRole('heading', { level: 2, name: DEMO_FORM.title })).toBeVisible();
    await expectAccessible(page, 'status page with a result');
  });

  await test.step('the sent answers are no longer kept as a draft', async () => {
    await form.open(DEMO_FORM.slug);
    await expect(form.item).toHaveValue('');
    await expect(page.getByText('Ihre Angaben vom letzten Besuch sind wiederhergestellt.')).toHaveCount(0);
  });

  const login = new StaffLoginPage(page);
  const staffHome = new StaffHomePage(page);

  await test.step('staff log in', async () => {
    await login.open();
    await expectAccessible(page, 'staff login');
    await login.logIn(DEMO_STAFF.email, DEMO_STAFF.password);
    await staffHome.expectLoaded();
    await staffHome.expectForm(DEMO_FORM.title);
    await expectAccessible(page, 'staff home');
  });

  await test.step('the CSV export contains the submission', async () => {
    const { text, fileName } = await staffHome.downloadCsv(DEMO_FORM.title);
    expect(fileName).toMatch(/\.csv$/);
    expect(text.startsWith(BOM), 'CSV starts with a UTF-8 byte order mark').toBe(true);

    const [header, ...rows] = parseCsv(text.slice(BOM.length)).filter(
      (row) => row.length > 1 || row[0] !== '',
    );
    expect(header, 'header row').toBeDefined();
    expect(header?.length ?? 0, 'reference, received-at and one column per field').toBeGreaterThan(2);

    const matching = rows.filter((row) => row.includes(reference));
    expect(matching, `one CSV row with reference ${reference}`).toHaveLength(1);
    const row = matching[0] ?? [];
    expect(row).toHaveLength(header?.length ?? 0);
    for (const value of [report.item, report.description, photo, report.place, report.lastName, report.email]) {
      expect(row, `CSV row contains "${value}"`).toContain(value);
    }
  });
});
