// Journey: a form set to "one question per page" (Sperrmüll anmelden) asks each question on its
// own step, with the usual error summary, and sends the same answers.
import { expect, test } from '@playwright/test';
import { CheckAnswersPage } from '../../pages/check-answers-page';
import { ConfirmationPage } from '../../pages/confirmation-page';
import { expectAccessible } from '../../support/a11y';
import { uniqueSuffix } from '../../support/data';

test('bulky waste is registered one question at a time', async ({ page }) => {
  const id = uniqueSuffix();
  const next = page.getByRole('button', { name: 'Weiter', exact: true });
  const answers: Array<[string, string]> = [
    ['Straße und Hausnummer', `Lindenweg ${id}`],
    ['Postleitzahl', '01067'],
    ['Menge in Kubikmetern', '3'],
    ['Was sollen wir abholen?', 'Ein Sofa und zwei Stühle'],
  ];

  await page.goto('/formulare/sperrmuell-anmelden');
  await expect(page.getByText('Schritt 1 von 7')).toBeVisible();
  // Only the first question is asked.
  await expect(page.getByRole('textbox')).toHaveCount(1);
  await next.click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expectAccessible(page, 'one question with an error');

  for (const [index, [label, value]] of answers.entries()) {
    await expect(page.getByText(`Schritt ${index + 1} von 7`)).toBeVisible();
    await page.getByLabel(label, { exact: true }).fill(value);
    await next.click();
  }
  await expect(page.getByText('Schritt 5 von 7')).toBeVisible();
  await page
    .getByLabel('Wo stellen Sie den Sperrmüll bereit?', { exact: true })
    .selectOption({ label: 'Am Gehwegrand vor dem Haus' });
  await next.click();
  await page.getByLabel('Vollständiger Name', { exact: true }).fill(`Erika Muster ${id}`);
  await next.click();
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(`erika.${id}@example.org`);
  await next.click();

  const checkAnswers = new CheckAnswersPage(page);
  await checkAnswers.expectLoaded();
  await checkAnswers.expectAnswers([`Lindenweg ${id}`, 'Ein Sofa und zwei Stühle']);
  await checkAnswers.acknowledgePrivacy();
  await checkAnswers.submit();
  await new ConfirmationPage(page).expectLoaded();
});
