import { expect, type Locator, type Page } from '@playwright/test';

/** The service catalogue: the search box, results, topic pages and a service's page. */
export class ServicesPage {
  readonly searchBox: Locator;
  readonly searchButton: Locator;
  readonly results: Locator;
  readonly resultCount: Locator;

  constructor(readonly page: Page) {
    this.searchBox = page.getByRole('searchbox', { name: 'Wonach suchen Sie?' });
    this.searchButton = page.getByRole('search').getByRole('button', { name: 'Suchen', exact: true });
    this.results = page.locator('main .service-list > li');
    this.resultCount = page.getByRole('status').filter({ hasText: /Leistung(en)? gefunden/ });
  }

  // act
  async search(words: string): Promise<void> {
    await this.searchBox.fill(words);
    await this.searchButton.click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Suchergebnisse' })).toBeVisible();
    await expect(this.resultCount).toBeVisible();
  }

  async openResult(name: string): Promise<void> {
    await this.results.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  // check
  async expectFirstResult(name: string): Promise<void> {
    await expect(this.results.first().getByRole('link')).toHaveText(name);
  }

  async expectSection(heading: string, text: string | RegExp): Promise<void> {
    const section = this.page.locator('section').filter({
      has: this.page.getByRole('heading', { level: 2, name: heading, exact: true }),
    });
    await expect(section).toContainText(text);
  }
}
