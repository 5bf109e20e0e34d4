import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { REFERENCE_NUMBER } from '../support/data';

export class ConfirmationPage {
  readonly heading: Locator;
  readonly referenceNumber: Locator;
  readonly accessCode: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Ihre Angaben sind eingegangen' });
    this.referenceNumber = page.getByTestId('reference-number');
    this.accessCode = page.getByTestId('access-code');
  }

  // check + find
  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.referenceNumber).toHaveText(REFERENCE_NUMBER);
  }

  async code(): Promise<string> {
    await expect(this.accessCode).toHaveText(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    return (await this.accessCode.innerText()).trim();
  }

  /** Downloads the PDF receipt; returns its file name and bytes. */
  async downloadReceipt(): Promise<{ name: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Eingangsbestätigung herunterladen (PDF)' }).click();
    const file = await download;
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }

  async reference(): Promise<string> {
    await this.expectLoaded();
    return (await this.referenceNumber.innerText()).trim();
  }
}
