// Keyboard-only helpers: reach a control with Tab (as a keyboard user does, never with a mouse
// or a programmatic focus) and operate it with keys.
import { expect, type Locator, type Page } from '@playwright/test';

/** Presses Tab until `target` has focus; fails if it is not reachable within `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  await expect(target, `reachable with Tab within ${limit} presses`).toBeFocused();
}

/** Presses Shift+Tab until `target` has focus (for a control before the current one). */
export async function shiftTabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Shift+Tab');
  }
  await expect(target, `reachable with Shift+Tab within ${limit} presses`).toBeFocused();
}

/** Tabs to a text input and types into it. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** Tabs into a radio group (focus lands on its first or checked radio) and moves with the
 *  arrow keys until `choice` is checked. */
export async function chooseRadio(page: Page, group: Locator, choice: Locator, limit = 10): Promise<void> {
  await tabTo(page, group.getByRole('radio').first());
  for (let presses = 0; presses < limit; presses += 1) {
    if (await choice.isChecked()) {
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  await expect(choice).toBeChecked();
}
