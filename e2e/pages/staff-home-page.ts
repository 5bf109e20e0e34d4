import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from '../support/text';

export class StaffHomePage {
  readonly heading: Locator;
  readonly submissions: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Eingegangene Anträge' });
    this.submissions = page.getByRole('table');
  }

  // find
  formRow(title: string): Locator {
    return this.submissions.getByRole('row').filter({ hasText: title });
  }

  csvLink(formTitle: string): Locator {
    // The accessible name is "CSV herunterladen – <form title>".
    return this.page.getByRole('link', {
      name: new RegExp(`^CSV herunterladen\\W+${escapeRegExp(formTitle)}$`),
    });
  }

  // act
  /** Clicks the CSV link of a form and returns the downloaded file's text and name. */
  async downloadCsv(formTitle: string): Promise<{ text: string; fileName: string }> {
    const downloaded = this.page.waitForEvent('download');
    await this.csvLink(formTitle).click();
    const download = await downloaded;
    const failure = await download.failure();
    expect(failure, 'CSV download failed').toBeNull();
    const text = await readFile(await download.path(), 'utf8');
    return { text, fileName: download.suggestedFilename() };
  }

  // check
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(/\/mitarbeiter\/?$/);
    await expect(this.heading).toBeVisible();
  }

  async expectForm(title: string): Promise<void> {
    await expect(this.formRow(title)).toHaveCount(1);
    await expect(this.csvLink(title)).toHaveAttribute('download', /.*/);
  }
}
