import { expect, type Locator, type Page } from '@playwright/test';

export class CheckAnswersPage {
  readonly heading: Locator;
  readonly changeLinks: Locator;
  readonly submitButton: Locator;
  readonly privacyAcknowledgement: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' });
    // "Ändern" per answer; a link or a link-styled button, named e.g. "Ändern Vorname".
    this.changeLinks = page
      .getByRole('button', { name: /^Ändern/ })
      .or(page.getByRole('link', { name: /^Ändern/ }));
    this.submitButton = page.getByRole('button', { name: 'Angaben absenden', exact: true });
    this.privacyAcknowledgement = page.getByRole('checkbox', {
      name: 'Ich habe die Datenschutzhinweise gelesen.',
    });
  }

  // act
  /** Ticks "Ich habe die Datenschutzhinweise gelesen." (Art. 13 DSGVO). */
  async acknowledgePrivacy(): Promise<void> {
    await this.privacyAcknowledgement.check();
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  // check
  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.changeLinks.first()).toBeVisible();
  }

  async expectAnswers(values: string[]): Promise<void> {
    for (const value of values) {
      await expect(this.page.getByText(value, { exact: true })).toBeVisible();
    }
  }
}
