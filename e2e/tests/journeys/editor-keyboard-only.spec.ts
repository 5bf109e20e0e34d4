// Journey: the form editor with the keyboard alone: create a form, add a field from the palette,
// label it, move it with the move buttons, undo, and save (Tab to reach controls, typing, Enter).
import { expect, test } from '@playwright/test';
import { StaffLoginPage } from '../../pages/staff-login-page';
import { DEMO_EDITOR } from '../../support/data';
import { shiftTabTo, tabTo, typeInto } from '../../support/keyboard';

test('an editor builds and saves a form using only the keyboard', async ({ page }) => {
  const login = new StaffLoginPage(page);
  await login.open();
  await typeInto(page, login.email, DEMO_EDITOR.email);
  await typeInto(page, login.password, DEMO_EDITOR.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/mitarbeiter\/?$/);

  await tabTo(page, page.getByRole('link', { name: 'Formulare', exact: true }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Neues Formular', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Formular bearbeiten$/ })).toBeVisible();

  // The palette: a select (keys choose the kind) and its button.
  const palette = page.getByLabel('Neues Feld').first();
  await tabTo(page, palette, 150);
  await page.keyboard.press('j'); // "Ja/Nein"
  await expect(palette).toHaveValue('yes_no');
  await tabTo(page, page.getByRole('button', { name: 'Hinzufügen (Seite 1)' }), 20);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Eigenschaften: Neue Frage' })).toBeVisible();

  const label = page.getByLabel('Beschriftung', { exact: true });
  await tabTo(page, label, 150);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Haben Sie einen Garten?');
  await expect(page.getByRole('heading', { level: 2, name: 'Eigenschaften: Haben Sie einen Garten?' })).toBeVisible();

  // Move it before the first field with its move button, then undo the move.
  const names = page.locator('.editor-page').first().locator('.editor-field-name');
  await expect(names).toHaveText(['Neue Frage', 'Haben Sie einen Garten?']);
  await page.keyboard.press('Shift+Tab'); // back into the outline
  await tabTo(page, page.getByRole('button', { name: '„Haben Sie einen Garten?“ nach oben' }), 150);
  await page.keyboard.press('Enter');
  await expect(names).toHaveText(['Haben Sie einen Garten?', 'Neue Frage']);
  // Undo sits before the outline.
  await shiftTabTo(page, page.getByRole('button', { name: 'Rückgängig', exact: true }), 150);
  await page.keyboard.press('Enter');
  await expect(names).toHaveText(['Neue Frage', 'Haben Sie einen Garten?']);

  // A second page, moved before the first with its button.
  await tabTo(page, page.getByRole('button', { name: 'Seite hinzufügen' }), 150);
  await page.keyboard.press('Enter');
  await shiftTabTo(page, page.getByRole('button', { name: 'Seite 2 nach oben' }), 150);
  await page.keyboard.press('Enter');
  await expect(page.locator('.editor-page').first().locator('.editor-field-name')).toHaveCount(0);
  await expect(page.locator('.editor-page').nth(1).locator('.editor-field-name')).toHaveText([
    'Neue Frage',
    'Haben Sie einen Garten?',
  ]);

  await shiftTabTo(page, page.getByRole('button', { name: 'Speichern', exact: true }), 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
});
