// A form page arrives with its first step rendered by the server and loads the form bundle on
// the first interaction (backend/src/ssr.rs). These tests hold the bundle's WASM back while the
// citizen works on the server's page, then let it through: what was typed, ticked, chosen and
// clicked before the app ran must be there afterwards.
import { expect, test, type Page, type Route } from '@playwright/test';
import { LostItemFormPage } from '../../pages/lost-item-form-page';
import { expectAccessible } from '../../support/a11y';
import { DEMO_FORM, TINY_PNG, lostItemReport } from '../../support/data';

const BUNDLE_WASM = /\/form-[0-9a-f]+_bg\.wasm$/;

/** Holds every request for the form bundle's WASM until `release` is called. */
async function holdBundle(page: Page): Promise<{ requested: () => boolean; release: () => Promise<void> }> {
  const held: Route[] = [];
  let released = false;
  await page.route(BUNDLE_WASM, async (route) => {
    if (released) {
      await route.continue();
    } else {
      held.push(route);
    }
  });
  return {
    requested: () => held.length > 0,
    release: async () => {
      released = true;
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

/** The app has replaced the server's view. */
async function expectTakenOver(page: Page): Promise<void> {
  await expect(page.locator('#bp-server-view')).toHaveCount(0);
  await expect(page.locator('#bp-app')).toBeVisible();
}

test.use({ viewport: { width: 320, height: 740 } });

test('the first step is in the HTML and no WASM is fetched before the citizen interacts', async ({
  page,
  request,
}) => {
  const html = await (await request.get(`/formulare/${DEMO_FORM.slug}`)).text();
  expect(html).toContain('<h1 tabindex="-1">Fundsache melden</h1>');
  expect(html).toContain('Was haben Sie gefunden?');
  expect(html).toContain('<title>Angaben zur Fundsache – Fundsache melden – Bürgerportal Musterstadt</title>');
  expect(html).not.toContain('modulepreload');

  const bundleRequests: string[] = [];
  page.on('request', (request) => {
    if (/\.(wasm|js)$/.test(new URL(request.url()).pathname)) bundleRequests.push(request.url());
  });
  const form = new LostItemFormPage(page);
  await page.goto(`/formulare/${DEMO_FORM.slug}`, { waitUntil: 'load' });
  await expect(form.heading).toBeVisible();
  await expect(page.getByText('Schritt 1 von 2')).toBeVisible();
  expect(bundleRequests).toEqual([]);
  await expectAccessible(page, 'server-rendered form page at 320 px');

  // The first focus loads the bundle, which takes over without the citizen noticing.
  const wasm = page.waitForRequest(BUNDLE_WASM);
  await form.item.focus();
  await wasm;
  await expectTakenOver(page);
  await expect(form.item).toBeFocused();
  await expectAccessible(page, 'form page after the takeover');
});

test('answers given and "Weiter" pressed before the app runs carry over to the app', async ({ page }) => {
  const report = lostItemReport();
  const form = new LostItemFormPage(page);
  const bundle = await holdBundle(page);
  await page.goto(`/formulare/${DEMO_FORM.slug}`);

  await form.fillDetails(report);
  await expect.poll(bundle.requested).toBe(true);
  await expect(page.locator('#bp-server-view')).toHaveCount(1);
  // Pressed on the server's page: held back until the app runs.
  await form.continueButton.click();
  await expect(form.heading).toBeVisible();

  await bundle.release();
  await expectTakenOver(page);
  // The held-back "Weiter" took the citizen to step 2 with the answers of step 1 accepted.
  await form.expectStep(2);
  await form.expectNoErrors();
  await form.backButton.click();
  await form.expectStep(1);
  await expect(form.item).toHaveValue(report.item);
  await expect(form.description).toHaveValue(report.description);
  await expect(form.dateInput('Tag')).toHaveValue(report.foundOn.day);
  await expect(form.dateInput('Monat')).toHaveValue(report.foundOn.month);
  await expect(form.dateInput('Jahr')).toHaveValue(report.foundOn.year);
  await expect(form.place).toHaveValue(report.place);
  await expect(form.kind.getByRole('radio', { name: report.kind, exact: true })).toBeChecked();
  await expect(form.value).toHaveValue(report.value);
});

test('typing goes on in the same field through the takeover, and the draft keeps it', async ({ page }) => {
  const form = new LostItemFormPage(page);
  const bundle = await holdBundle(page);
  await page.goto(`/formulare/${DEMO_FORM.slug}`);

  await form.item.pressSequentially('Schwarzer ');
  await bundle.release();
  await expectTakenOver(page);
  await expect(form.item).toBeFocused();
  await page.keyboard.type('Rucksack');
  await expect(form.item).toHaveValue('Schwarzer Rucksack');
  await expect(page.getByTestId('draft-status')).toContainText('Entwurf gespeichert');

  await page.reload();
  await expect(form.item).toHaveValue('Schwarzer Rucksack');
});

test('a choice that still has the focus when the app takes over is kept', async ({ page }) => {
  const form = new LostItemFormPage(page);
  const bundle = await holdBundle(page);
  await page.goto(`/formulare/${DEMO_FORM.slug}`);
  const choice = form.kind.getByRole('radio', { name: 'Schlüssel', exact: true });
  await choice.check();
  await expect(choice).toBeFocused();
  await bundle.release();
  await expectTakenOver(page);
  await expect(choice).toBeChecked();
  await expect(choice).toBeFocused();
  // The app has the answer: going on reports the other missing answers, not this one.
  await form.continueButton.click();
  await expect(form.errorSummary).toBeVisible();
  await expect(form.errorSummary).not.toContainText('Art der Fundsache');
});

test('a language chosen before the app runs is applied when it takes over', async ({ page }) => {
  const bundle = await holdBundle(page);
  await page.goto(`/formulare/${DEMO_FORM.slug}`);
  await page.getByRole('button', { name: 'English' }).click();
  await bundle.release();
  await expectTakenOver(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Report found property' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a photo chosen before the app runs is uploaded once it does', async ({ page }) => {
  const form = new LostItemFormPage(page);
  const bundle = await holdBundle(page);
  await page.goto(`/formulare/${DEMO_FORM.slug}`);
  await form.item.focus();
  await expect.poll(bundle.requested).toBe(true);
  await form.photo.setInputFiles({ name: 'fundstueck.png', mimeType: 'image/png', buffer: TINY_PNG });
  await bundle.release();
  await expectTakenOver(page);
  await form.expectUploaded('fundstueck.png');
});
