import { expect, type Locator, type Page } from '@playwright/test';
import { Layout } from './layout';

export class StaffLoginPage {
  readonly layout: Layout;
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly loginButton: Locator;

  constructor(readonly page: Page) {
    this.layout = new Layout(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Anmeldung für Mitarbeitende' });
    this.email = page.getByLabel('E-Mail-Adresse', { exact: true });
    this.password = page.getByLabel('Passwort', { exact: true });
    this.loginButton = page.getByRole('button', { name: 'Anmelden', exact: true });
  }

  // act
  async open(): Promise<void> {
    await this.page.goto('/mitarbeiter/anmelden');
    await this.expectLoaded();
  }

  async logIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.loginButton.click();
  }

  // check
  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }
}
