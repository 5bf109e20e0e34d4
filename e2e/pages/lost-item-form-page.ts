import { expect, type Locator, type Page } from '@playwright/test';
import type { LostItemReport } from '../support/data';
import { containing } from '../support/text';
import { Layout } from './layout';

/** The two pages of the demo form "Fundsache melden". */
export class LostItemFormPage {
  readonly layout: Layout;
  readonly heading: Locator;
  readonly errorSummary: Locator;
  readonly continueButton: Locator;
  readonly backButton: Locator;

  // Page 1 "Angaben zur Fundsache"
  readonly item: Locator;
  readonly description: Locator;
  readonly photo: Locator;
  readonly uploadStatus: Locator;
  readonly foundOn: Locator;
  readonly place: Locator;
  readonly kind: Locator;
  readonly value: Locator;

  // Page 2 "Ihre Kontaktdaten"
  readonly firstName: Locator;
  readonly lastName: Locator;
  readonly email: Locator;
  readonly postcode: Locator;
  readonly reward: Locator;

  constructor(readonly page: Page) {
    this.layout = new Layout(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Fundsache melden' });
    this.errorSummary = page.getByTestId('error-summary');
    this.continueButton = page.getByRole('button', { name: 'Weiter', exact: true });
    this.backButton = page.getByRole('button', { name: 'Zurück', exact: true });

    this.item = page.getByLabel('Was haben Sie gefunden?', { exact: true });
    this.description = page.getByLabel('Beschreibung (optional)', { exact: true });
    this.photo = page.getByLabel('Foto der Fundsache (optional)', { exact: true });
    this.uploadStatus = page.getByRole('status');
    this.foundOn = page.getByRole('group', { name: 'Wann haben Sie die Sache gefunden?' });
    this.place = page.getByLabel('Wo haben Sie die Sache gefunden?', { exact: true });
    this.kind = page.getByRole('group', { name: 'Art der Fundsache' });
    this.value = page.getByLabel('Geschätzter Wert in Euro (optional)', { exact: true });

    this.firstName = page.getByLabel('Vorname', { exact: true });
    this.lastName = page.getByLabel('Nachname', { exact: true });
    this.email = page.getByLabel('E-Mail-Adresse', { exact: true });
    this.postcode = page.getByLabel('Postleitzahl (optional)', { exact: true });
    this.reward = page.getByRole('group', { name: 'Möchten Sie Finderlohn beanspruchen?' });
  }

  // find
  dateInput(part: 'Tag' | 'Monat' | 'Jahr'): Locator {
    return this.foundOn.getByLabel(part, { exact: true });
  }

  errorLink(message: string): Locator {
    return this.errorSummary.getByRole('link', { name: message, exact: true });
  }

  // act
  async open(slug: string): Promise<void> {
    await this.page.goto(`/formulare/${slug}`);
    await this.expectStep(1);
  }

  async fillDetails(report: LostItemReport): Promise<void> {
    await this.item.fill(report.item);
    await this.description.fill(report.description);
    await this.dateInput('Tag').fill(report.foundOn.day);
    await this.dateInput('Monat').fill(report.foundOn.month);
    await this.dateInput('Jahr').fill(report.foundOn.year);
    await this.place.fill(report.place);
    await this.kind.getByRole('radio', { name: report.kind, exact: true }).check();
    await this.value.fill(report.value);
  }

  /** Chooses a file for the photo field; the upload starts at once. */
  async choosePhoto(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.photo.setInputFiles(file);
  }

  async removeUploadedFile(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Entfernen ${name}`, exact: true }).click();
  }

  async fillContact(report: LostItemReport): Promise<void> {
    await this.firstName.fill(report.firstName);
    await this.lastName.fill(report.lastName);
    await this.email.fill(report.email);
    await this.postcode.fill(report.postcode);
    await this.reward.getByRole('radio', { name: report.reward, exact: true }).check();
  }

  async continue(): Promise<void> {
    await this.continueButton.click();
  }

  // check
  async expectStep(step: 1 | 2): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByText(`Schritt ${step} von 2`)).toBeVisible();
    const section = step === 1 ? 'Angaben zur Fundsache' : 'Ihre Kontaktdaten';
    await expect(this.page.getByRole('heading', { name: section })).toBeVisible();
  }

  /** The error summary after a failed "Weiter": focused, titled, linking to each message. */
  async expectErrorSummary(messages: string[]): Promise<void> {
    await expect(this.errorSummary).toBeVisible();
    await expect(this.errorSummary).toBeFocused();
    await expect(this.errorSummary.getByRole('heading', { name: 'Es gibt ein Problem' })).toBeVisible();
    await expect(this.page).toHaveTitle(/^Fehler: /);
    for (const message of messages) {
      await expect(this.errorLink(message)).toBeVisible();
    }
  }

  /** The inline error of one control: marked invalid and described by its message. */
  async expectFieldError(field: Locator, message: string): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(containing(message));
  }

  /** A finished upload: announced to screen readers and listed with its remove button. */
  async expectUploaded(name: string): Promise<void> {
    await expect(this.uploadStatus).toHaveText(`${name} wurde hochgeladen`);
    await expect(this.page.getByRole('button', { name: `Entfernen ${name}`, exact: true })).toBeVisible();
  }

  async expectUploadRefused(message: string): Promise<void> {
    await expect(this.uploadStatus).toHaveText(message);
    await expect(this.page.getByRole('listitem').filter({ hasText: message })).toBeVisible();
  }

  async expectNoErrors(): Promise<void> {
    await expect(this.errorSummary).toHaveCount(0);
    await expect(this.page).not.toHaveTitle(/^Fehler: /);
  }
}
