import { expect, type Locator, type Page } from '@playwright/test';

/** `/bearbeitungsstand`: reference number and access code show an application's status. */
export class StatusPage {
  readonly heading: Locator;
  readonly reference: Locator;
  readonly code: Locator;
  readonly submitButton: Locator;
  readonly errorSummary: Locator;
  readonly currentStatus: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Bearbeitungsstand abfragen' });
    this.reference = page.getByLabel('Aktenzeichen', { exact: true });
    this.code = page.getByLabel('Zugangscode', { exact: true });
    this.submitButton = page.getByRole('button', { name: 'Stand anzeigen', exact: true });
    this.errorSummary = page.getByTestId('error-summary');
    this.currentStatus = page.getByTestId('current-status');
  }

  async open(): Promise<void> {
    await this.page.goto('/bearbeitungsstand');
    await expect(this.heading).toBeVisible();
  }

  async lookUp(reference: string, code: string): Promise<void> {
    await this.reference.fill(reference);
    await this.code.fill(code);
    await this.submitButton.click();
  }
}
