// Journey: a citizen finds services on a phone: by search (with German spellings and a typo), by
// topic, reads what to bring and what it costs, and goes on to the online form.
import { expect, test } from '@playwright/test';
import { ServicesPage } from '../../pages/services-page';
import { StartPage } from '../../pages/start-page';
import { expectAccessible } from '../../support/a11y';

test('a citizen searches, reads a service page, browses a topic and starts the online form', async ({
  page,
}) => {
  const start = new StartPage(page);
  const services = new ServicesPage(page);

  await test.step('search with a colloquial word finds the ID card', async () => {
    await start.open();
    await expectAccessible(page, 'start page with search');
    await services.search('Perso');
    await services.expectFirstResult('Personalausweis beantragen');
    await expectAccessible(page, 'search results');
  });

  await test.step('umlauts may be written out, and one typo is forgiven', async () => {
    for (const words of ['Fuehrungszeugnis', 'Fuhrungszeugnis', 'Führungszeugnis']) {
      await services.search(words);
      await services.expectFirstResult('Führungszeugnis beantragen');
    }
  });

  await test.step('the service page says what to bring, what it costs and who is responsible', async () => {
    await services.search('Personalausweis');
    await services.openResult('Personalausweis beantragen');
    await services.expectSection('Kosten', '46,00 €');
    await services.expectSection('Was Sie brauchen', /./);
    await services.expectSection('Zuständige Stelle', 'Bürgerbüro');
    await expect(page.getByText('Nur vor Ort')).toBeVisible();
    await expectAccessible(page, 'service page');
  });

  await test.step('a topic lists its services; an online service leads to its form', async () => {
    await start.open();
    await page.getByRole('link', { name: 'Tiere', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tiere' })).toBeVisible();
    await expectAccessible(page, 'topic page');
    await services.openResult('Hund anmelden (Hundesteuer)');
    await page.getByRole('link', { name: 'Online beantragen', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hund anmelden (Hundesteuer)' })).toBeVisible();
  });

  await test.step('a search without results says so', async () => {
    await start.open();
    await services.search('Raumschiffzulassung');
    await expect(services.resultCount).toHaveText('0 Leistungen gefunden');
    await expect(page.getByText('Keine Leistung gefunden.', { exact: false })).toBeVisible();
  });
});
