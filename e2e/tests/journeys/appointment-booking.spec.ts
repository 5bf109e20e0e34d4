// Journey (issue 7): a citizen books an appointment on a phone — two concerns, the combined
// checklist, a location, a day and time from the list of free days, the hold, contact details,
// the activation link from the e-mail (double opt-in), the confirmation with its calendar file —
// then moves it and cancels it through the manage link from the confirmation e-mail. axe checks
// every booking page on the way. Then the staff side: admins see the locations, and a case worker
// runs today's day: counter bookings, check-in by booking code and a no-show.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { expectAccessible } from '../../support/a11y';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { DEMO_ADMIN, uniqueSuffix } from '../../support/data';
import { receivedMail } from '../../support/mail';

/** The newest message to `address` whose subject starts with `subject`, once it arrived. */
async function mailTo(address: string, subject: string): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(async () => {
      const mails = await receivedMail();
      found = mails
        .filter((mail) => mail.to && JSON.stringify(mail.to).includes(address))
        .filter((mail) => mail.subject?.startsWith(subject))
        .pop();
      return found !== undefined;
    }, { message: `an e-mail "${subject}" to ${address}` })
    .toBe(true);
  return found as ParsedMail;
}

/** The link in `mail` to `page` (with its #token). */
function linkIn(mail: ParsedMail, page: string): string {
  const match = (mail.text ?? '').match(new RegExp(`https?://\\S+${page}#[A-Za-z0-9_-]+`));
  expect(match, `a ${page} link in ${mail.text}`).not.toBeNull();
  return (match as RegExpMatchArray)[0];
}

/**
 * Chooses the `index`th day (0 first) of next month's list of free days and its first free
 * time; returns the time. Next month, so that the appointment is more than 24 hours away (it can
 * still be moved and cancelled) and the month has enough free days whatever today is.
 */
async function chooseDayAndTime(page: Page, index: number): Promise<string> {
  await page.getByRole('button', { name: 'Als Liste anzeigen', exact: true }).click();
  const title = page.locator('#month-title');
  await expect(page.locator('.day-list button').first()).toBeVisible();
  const shown = ((await title.textContent()) ?? '').trim();
  await page.getByRole('button', { name: 'Nächster Monat', exact: true }).click();
  await expect(title).not.toHaveText(shown);
  const month = ((await title.textContent()) ?? '').trim();
  const days = page.locator('.day-list button');
  // The list shows the new month's days once they are loaded.
  await expect(days.nth(index)).toContainText(month);
  await expectAccessible(page, 'free days as a list');
  await days.nth(index).click();
  const time = page.locator('.time-list button').first();
  await expect(time).toBeVisible();
  const chosen = (await time.textContent())?.trim() ?? '';
  await expectAccessible(page, 'free times of a day');
  await time.click();
  return chosen;
}

test('a citizen books two concerns with double opt-in, moves and cancels the appointment', async ({ page }) => {
  const email = `termin-${uniqueSuffix()}@example.org`;

  await test.step('deep link: the service is preselected; a second concern is added', async () => {
    await page.goto('/termine?leistung=personalausweis-beantragen');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const passport = page.getByLabel('Personalausweis beantragen', { exact: true });
    await expect(passport).toHaveValue('1');
    await passport.fill('2');
    await page.getByLabel('Meldebescheinigung beantragen', { exact: true }).fill('1');
    await expectAccessible(page, 'booking: concerns');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  });

  await test.step('one checklist of documents and fees for both concerns', async () => {
    await expect(page.getByRole('heading', { name: 'Was Sie mitbringen müssen' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Unterlagen' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Gebühren' })).toBeVisible();
    await expect(page.getByText('Summe')).toBeVisible();
    await expectAccessible(page, 'booking: checklist');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  });

  await test.step('a location that offers both', async () => {
    await expect(page.getByRole('heading', { name: 'Standort wählen' })).toBeFocused();
    await page.getByRole('radio', { name: /Bürgerbüro Mitte/ }).check();
    await expectAccessible(page, 'booking: location');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  });

  let first = '';
  await test.step('a day from the calendar or list, and a time: the slot is held', async () => {
    await expect(page.getByRole('heading', { name: 'Tag und Uhrzeit wählen' })).toBeFocused();
    await expect(page.locator('button.day--free').first()).toBeVisible();
    await expectAccessible(page, 'booking: calendar');
    first = await chooseDayAndTime(page, 2);
    await expect(page.getByText(/Dieser Termin ist für Sie reserviert bis/)).toBeVisible();
  });

  await test.step('contact details, with the error summary for what is missing', async () => {
    await expect(page.getByRole('heading', { name: 'Ihre Kontaktdaten' })).toBeFocused();
    await page.getByRole('button', { name: 'Termin verbindlich anfragen', exact: true }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Geben Sie Ihren Namen an' })).toBeVisible();
    await expectAccessible(page, 'booking: contact details with errors');
    await page.getByLabel('Vor- und Nachname', { exact: true }).fill('Erika Mustermann');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
    await page.getByLabel('Ich habe die Datenschutzhinweise gelesen.').check();
    await page.getByRole('button', { name: 'Termin verbindlich anfragen', exact: true }).click();
    await expect(page.getByRole('heading', { name: /Fast geschafft/ })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expectAccessible(page, 'booking: activation link sent');
  });

  await test.step('the activation link from the e-mail confirms the booking', async () => {
    const activation = await mailTo(email, 'Bitte bestätigen Sie Ihren Termin');
    await page.goto(linkIn(activation, '/termine/aktivieren'));
    await expect(page.getByRole('heading', { name: 'Ihr Termin ist gebucht' })).toBeVisible();
    await expect(page.getByText(`${first} Uhr`)).toBeVisible();
    await expect(page.getByRole('img', { name: /QR-Code des Buchungscodes/ })).toBeVisible();
    await expectAccessible(page, 'booking: confirmation');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Termin in den Kalender übernehmen (.ics)' }).click();
    const file = await (await download).path();
    const ics = await readFile(file, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('Bürgerbüro Mitte');
  });

  let manage = '';
  await test.step('the confirmation e-mail carries the calendar file and the manage link', async () => {
    const confirmation = await mailTo(email, 'Terminbestätigung');
    expect(confirmation.attachments.map((file) => file.filename)).toContain('termin.ics');
    manage = linkIn(confirmation, '/termine/verwalten');
  });

  await test.step('the manage link moves the appointment to another day', async () => {
    await page.goto(manage);
    await expect(page.getByRole('heading', { name: 'Ihr Termin', exact: true })).toBeVisible();
    await expectAccessible(page, 'booking: manage');
    await page.getByRole('button', { name: 'Termin verschieben', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Neuen Tag und neue Uhrzeit wählen' })).toBeVisible();
    await chooseDayAndTime(page, 3);
    await expect(page.getByText(/Ihr Termin ist verschoben auf/)).toBeVisible();
    await expectAccessible(page, 'booking: moved');
    await mailTo(email, 'Termin verschoben');
  });

  await test.step('and cancels it', async () => {
    await page.getByRole('button', { name: 'Termin absagen', exact: true }).click();
    await expect(page.getByText('Wirklich absagen?')).toBeVisible();
    await expectAccessible(page, 'booking: cancel question');
    await page.getByRole('button', { name: 'Ja, Termin absagen', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Ihr Termin ist abgesagt' })).toBeVisible();
    await expectAccessible(page, 'booking: cancelled');
    await mailTo(email, 'Termin abgesagt');
  });
});

/** Today in the city's time zone, `YYYY-MM-DD`. */
function todayInBerlin(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
}

/** Books `service` at the counter for today at `start` for `name` on the open day page. */
async function bookAtCounter(page: Page, start: string, name: string): Promise<void> {
  const form = page.locator('details', { hasText: 'Termin vor Ort buchen' });
  if (!(await form.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await form.locator('summary').click();
  }
  await form.getByLabel('Leistung (Anliegen 1)').selectOption({ label: 'Meldebescheinigung beantragen' });
  await form.getByLabel('Anzahl (Anliegen 1)').fill('1');
  await form.getByLabel('Beginn', { exact: true }).fill(start);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Termin buchen', exact: true }).click();
  await expect(form.getByText(/Termin gebucht:/)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

test('staff run the appointment day: counter bookings, check-in by code and a no-show', async ({ page }) => {
  const suffix = uniqueSuffix();
  const arriving = `Karl Theke ${suffix}`;
  const absent = `Nora Nichtda ${suffix}`;

  await test.step('an admin signs in and sees the locations with their settings', async () => {
    const login = new StaffLoginPage(page);
    await login.open();
    await login.logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    await expect(page).toHaveURL(/\/mitarbeiter\/?$/);
    await page.getByRole('link', { name: 'Standorte', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Standorte' })).toBeVisible();
    await expectAccessible(page, 'locations');
    await page.getByRole('link', { name: /Bürgerbüro Mitte/ }).click();
    await expect(page.getByLabel('Name (Deutsch)', { exact: true })).toHaveValue('Bürgerbüro Mitte');
    await expectAccessible(page, 'location editor');
    await page.goto('/mitarbeiter/standorte');
    await page.getByRole('link', { name: 'Neuer Standort' }).click();
    await expect(page.getByLabel('Name (Deutsch)', { exact: true })).toHaveValue('');
    await expectAccessible(page, 'new location');
  });

  await test.step('the admin saves the location and opens today all day as a special day', async () => {
    await page.goto('/mitarbeiter/standorte/buergerbuero-mitte');
    const desks = page.getByLabel('Schalter für Online-Buchungen', { exact: true });
    await expect(desks).toHaveValue('3');
    await desks.fill('4');
    await page.getByRole('button', { name: 'Standort speichern', exact: true }).click();
    await expect(page.getByText('Der Standort ist gespeichert.')).toBeVisible();
    await page.getByRole('button', { name: 'Sondertag hinzufügen', exact: true }).click();
    await page.getByLabel('Sondertag 1: Datum', { exact: true }).fill(todayInBerlin());
    await page.getByLabel('Sondertag 1, 1. Zeitraum von', { exact: true }).fill('00:00');
    await page.getByLabel('Sondertag 1, 1. Zeitraum bis', { exact: true }).fill('23:55');
    await page.getByLabel('Sondertag 1: Anlass', { exact: true }).fill('Langer Tag');
    await page.getByRole('button', { name: 'Sondertage speichern', exact: true }).click();
    await expect(page.getByRole('group', { name: /Sondertag 1: .*00:00–23:55/ })).toBeVisible();
    await expectAccessible(page, 'location editor after saving');
    // What the form saved is what the server has.
    const saved = await (await page.request.get('/api/admin/locations/buergerbuero-mitte')).json();
    expect(saved.desks_online).toBe(4);
    const days = await (await page.request.get('/api/admin/locations/buergerbuero-mitte/days')).json();
    expect(days.days).toEqual([
      { date: todayInBerlin(), hours: [{ from: '00:00', to: '23:55' }], note: 'Langer Tag' },
    ]);
  });

  await test.step('the day of the location, with two bookings made at the counter', async () => {
    await page.goto('/mitarbeiter');
    await page.getByRole('link', { name: 'Termine', exact: true }).click();
    await page.getByLabel('Standort', { exact: true }).selectOption({ label: 'Bürgerbüro Mitte' });
    await expect(page.getByLabel('Datum', { exact: true })).toHaveValue(todayInBerlin());
    await expect(page.getByText('Langer Tag')).toBeVisible();
    await expectAccessible(page, 'appointment day');
    await bookAtCounter(page, '00:05', arriving);
    await bookAtCounter(page, '00:10', absent);
  });

  await test.step('check-in by the booking code as typed, and a no-show', async () => {
    const row = page.getByRole('row', { name: new RegExp(arriving) });
    const code = ((await row.textContent()) ?? '').match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0] ?? '';
    expect(code).not.toBe('');
    await page.getByLabel('Buchungscode', { exact: true }).fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Einchecken', exact: true }).click();
    await expect(page.getByText(/Eingecheckt:/)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(arriving) })).toContainText('Erschienen');
    await page.getByRole('button', { name: `Nicht erschienen: 00:10 ${absent}`, exact: true }).click();
    await expect(page.getByRole('row', { name: new RegExp(absent) })).toContainText('Nicht erschienen');
    await expectAccessible(page, 'appointment day after check-in and no-show');
  });
});
