// Journey: the whole citizen flow with the keyboard alone, from the start page to the reference
// number: Tab to reach controls, typing, arrow keys in radio groups, Space for a tick box, Enter
// for links and buttons.
import { expect, test } from '@playwright/test';
import { CheckAnswersPage } from '../../pages/check-answers-page';
import { ConfirmationPage } from '../../pages/confirmation-page';
import { LostItemFormPage } from '../../pages/lost-item-form-page';
import { StartPage } from '../../pages/start-page';
import { DEMO_FORM, lostItemReport } from '../../support/data';
import { chooseRadio, tabTo, typeInto } from '../../support/keyboard';

test('a citizen reports a found item using only the keyboard', async ({ page }) => {
  const start = new StartPage(page);
  const form = new LostItemFormPage(page);
  const report = lostItemReport();

  await start.open();
  await tabTo(page, start.formLink(DEMO_FORM.title));
  await page.keyboard.press('Enter');
  await form.expectStep(1);

  await typeInto(page, form.item, report.item);
  await typeInto(page, form.description, report.description);
  await typeInto(page, form.dateInput('Tag'), report.foundOn.day);
  await typeInto(page, form.dateInput('Monat'), report.foundOn.month);
  await typeInto(page, form.dateInput('Jahr'), report.foundOn.year);
  await typeInto(page, form.place, report.place);
  await chooseRadio(page, form.kind, form.kind.getByRole('radio', { name: report.kind, exact: true }));
  await typeInto(page, form.value, report.value);
  await tabTo(page, form.continueButton);
  await page.keyboard.press('Enter');
  await form.expectStep(2);

  await typeInto(page, form.firstName, report.firstName);
  await typeInto(page, form.lastName, report.lastName);
  await typeInto(page, form.email, report.email);
  await typeInto(page, form.postcode, report.postcode);
  await chooseRadio(page, form.reward, form.reward.getByRole('radio', { name: report.reward, exact: true }));
  await tabTo(page, form.continueButton);
  await page.keyboard.press('Enter');

  const checkAnswers = new CheckAnswersPage(page);
  await checkAnswers.expectLoaded();
  await tabTo(page, checkAnswers.privacyAcknowledgement, 80);
  await page.keyboard.press('Space');
  await expect(checkAnswers.privacyAcknowledgement).toBeChecked();
  await tabTo(page, checkAnswers.submitButton);
  await page.keyboard.press('Enter');
  await new ConfirmationPage(page).expectLoaded();
});
