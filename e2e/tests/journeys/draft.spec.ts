// Journey: answers are kept on the device as the citizen types, come back after a reload (a
// closed tab, a lost connection), can be discarded, and are gone once the form is sent.
import { expect, test } from '@playwright/test';
import { LostItemFormPage } from '../../pages/lost-item-form-page';
import { expectAccessible } from '../../support/a11y';
import { DEMO_FORM, lostItemReport } from '../../support/data';

test('a draft survives a reload and can be discarded', async ({ page }) => {
  const form = new LostItemFormPage(page);
  const report = lostItemReport();
  const restoredNotice = page.getByText('Ihre Angaben vom letzten Besuch sind wiederhergestellt.');

  await test.step('typed answers are saved as a draft', async () => {
    await form.open(DEMO_FORM.slug);
    await expect(restoredNotice).toHaveCount(0);
    await form.item.fill(report.item);
    await form.place.fill(report.place);
    await expect(page.getByTestId('draft-status')).toContainText('Entwurf gespeichert');
  });

  await test.step('after a reload the answers are back, with a notice', async () => {
    await page.reload();
    await form.expectStep(1);
    await expect(form.item).toHaveValue(report.item);
    await expect(form.place).toHaveValue(report.place);
    await expect(restoredNotice).toBeVisible();
    await expectAccessible(page, 'form with a restored draft');
  });

  await test.step('discarding starts empty, also after another reload', async () => {
    await page.getByRole('button', { name: 'Verwerfen und neu beginnen', exact: true }).click();
    await expect(form.item).toHaveValue('');
    await expect(restoredNotice).toHaveCount(0);
    await page.reload();
    await form.expectStep(1);
    await expect(form.item).toHaveValue('');
    await expect(restoredNotice).toHaveCount(0);
  });
});
