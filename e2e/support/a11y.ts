// Accessibility check of the current page state (standards.md §4.4): axe-core with the WCAG 2.x
// A/AA tags, plus the reflow check (WCAG 1.4.10), which is no axe rule.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectAccessible(page: Page, state?: string): Promise<void> {
  const what = state ?? new URL(page.url()).pathname;
  await test.step(`accessible: ${what}`, async () => {
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const found = violations.map(
      (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(found, `axe violations on ${what}`).toEqual([]);

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `horizontal scrolling on ${what} (WCAG 1.4.10 reflow)`).toBeLessThanOrEqual(0);
  });
}
