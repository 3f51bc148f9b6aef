/**
 * The secretary's list and extract page in a real browser at 1280 px (issue 12, item 8): nothing scrolls
 * sideways, the list is searched by text and filtered by state, and the extract page with its per-signer
 * link actions passes axe in Swedish and English. Screenshots go to test-artifacts/browser/.
 */
import type { Page } from 'playwright-core';
import { api } from '../integration/server/harness';
import { testExtract } from '../integration/server/test-extracts';
import { checkPage, chooseDemoPerson, expectHeading, useBrowserFixture } from './browser-fixture';

const fixture = useBrowserFixture();

/**
 * Every element a person could scroll sideways (the page itself, or a table's wrapper), by its tag and
 * class. A string: it runs in the page, and the tests are type-checked without the DOM's types.
 */
const SIDEWAYS_SCROLLERS = `(() => {
  const all = [document.documentElement, ...document.querySelectorAll('main *')];
  return all
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && (el === document.documentElement || ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)))
    .map((el) => el.tagName.toLowerCase() + '.' + el.className);
})()`;

async function sidewaysScrollers(page: Page): Promise<string[]> {
  return (await page.evaluate(SIDEWAYS_SCROLLERS)) as string[];
}

async function rowTitles(page: Page): Promise<string[]> {
  return page.locator('table.extract-list tbody tr td:first-child a').allTextContents();
}

test('the list fits 1280 px, is searched and filtered by state; the extract page shows each signer\'s link', async () => {
  const { service, browser } = fixture();
  const titles = ['Trygghetsprogram för parkerna', 'Budget för fritidsgårdar 2027', 'Motion om belysning på gångvägar med ett mycket långt namn som måste radbrytas i tabellen'];
  const ids: string[] = [];
  for (const title of titles) ids.push((await api(service, 'POST', '/api/v1/extracts', testExtract({ title, adjusters: ['sara', 'asa'] }))).json.id);
  expect((await api(service, 'POST', `/api/v1/extracts/${ids[0]}/send`)).status).toBe(200);

  const secretary = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await secretary.goto(`${service.baseUrl}/sekreterare`);
  await chooseDemoPerson(secretary, 'karin');
  await expectHeading(secretary, 'Protokollsutdrag');
  expect((await rowTitles(secretary)).sort()).toEqual([...titles].sort());
  expect(await sidewaysScrollers(secretary)).toEqual([]);
  await checkPage(secretary, 'sekreterare-lista-1280');

  await secretary.getByLabel('Sök').fill('fritidsgård');
  await secretary.getByRole('button', { name: 'Visa' }).click();
  await secretary.getByText('Visar 1 av 3 utdrag.').waitFor();
  expect(await rowTitles(secretary)).toEqual([titles[1]]);
  expect(new URL(secretary.url()).searchParams.get('q')).toBe('fritidsgård');

  await secretary.getByLabel('Sök').fill('');
  await secretary.getByLabel('Status').selectOption({ label: 'Ute för justering' });
  await secretary.getByRole('button', { name: 'Visa' }).click();
  await secretary.getByText('Visar 1 av 3 utdrag.').waitFor();
  expect(await rowTitles(secretary)).toEqual([titles[0]]);
  await checkPage(secretary, 'sekreterare-lista-filter');

  await secretary.getByLabel('Status').selectOption({ label: 'Utkast' });
  await secretary.getByLabel('Sök').fill('finns inte');
  await secretary.getByRole('button', { name: 'Visa' }).click();
  await secretary.getByText('Inga utdrag matchar sökningen.').waitFor();

  await secretary.goto(`${service.baseUrl}/sekreterare/utdrag/${ids[0]}`);
  await expectHeading(secretary, titles[0]!);
  expect(await secretary.getByRole('button', { name: 'Skicka ny länk', exact: true }).count()).toBe(3);
  expect(await secretary.locator('td').filter({ hasText: /^länken gäller till \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/ }).count()).toBe(3);
  expect(await sidewaysScrollers(secretary)).toEqual([]);
  await checkPage(secretary, 'sekreterare-utdrag-1280');

  const asa = secretary.getByRole('region', { name: /Åsa Öberg/ });
  await asa.getByLabel('Ny e-postadress för Åsa Öberg').fill('asa.ny@example.org');
  await asa.getByRole('button', { name: 'Ändra e-post och skicka ny länk' }).click();
  await secretary.getByText('E-postadressen är ändrad.').waitFor();
  expect(await secretary.locator('main').textContent()).toContain('asa.ny@example.org');
});
