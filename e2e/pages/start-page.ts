import { expect, type Locator, type Page } from '@playwright/test';
import { Layout } from './layout';

export class StartPage {
  readonly layout: Layout;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.layout = new Layout(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Bürgerportal Musterstadt' });
  }

  // find
  formLink(title: string): Locator {
    return this.page.getByRole('link', { name: title, exact: true });
  }

  // act
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.expectLoaded();
  }

  async openForm(title: string): Promise<void> {
    await this.formLink(title).click();
  }

  // check
  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.page).toHaveURL(/\/$/);
  }
}
