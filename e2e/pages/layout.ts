import { expect, type Locator, type Page } from '@playwright/test';

/** Parts every page has: header language switch and footer links. */
export class Layout {
  readonly languageSwitch: Locator;
  readonly accessibilityStatementLink: Locator;

  constructor(readonly page: Page) {
    this.languageSwitch = page.getByRole('button', { name: 'English', exact: true });
    this.accessibilityStatementLink = page.getByRole('link', {
      name: 'Erklärung zur Barrierefreiheit',
    });
  }

  async expectChrome(): Promise<void> {
    await expect(this.languageSwitch).toBeVisible();
    await expect(this.accessibilityStatementLink).toBeVisible();
  }
}
