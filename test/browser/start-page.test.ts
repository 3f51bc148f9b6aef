/**
 * A newcomer in a real browser: the start page at / (Swedish, then English) with its three doors and the
 * demo hints, through the door "Kontrollera en handling" to /verifiera, where the code is typed in lower
 * case without the hyphen and Enter finds the extract still out for justering ("Ännu inte justerat").
 * axe-core finds no WCAG 2.1 A/AA violation on each page in either language.
 */
import type { Page } from 'playwright-core';
import { api } from '../integration/server/harness';
import { testExtract } from '../integration/server/test-extracts';
import { axe, checkPage, expectHeading, findByTypedCode, startBrowserFixture, type BrowserFixture } from './browser-fixture';

let fixture: BrowserFixture;
let page: Page;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  page = await (await fixture.browser.newContext()).newPage();
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

test('the start page shows what Justera is, three doors and how to try it, in Swedish and English', async () => {
  await page.goto(`${fixture.service.baseUrl}/`);
  await expectHeading(page, 'Justera – digital justering av protokoll');
  for (const door of ['Anslagstavlan', 'Kontrollera en handling', 'För nämndsekreterare']) await page.locator('main').getByRole('link', { name: door, exact: true }).waitFor();
  await page.getByText('DEMO – demonstrationsläge').waitFor();
  await page.getByRole('heading', { name: 'Prova Justera (demonstrationsläge)' }).waitFor();
  await page.getByRole('link', { name: 'Utkorgen med inbjudningarna' }).waitFor();
  await checkPage(page, 'start');
  await page.goto(`${fixture.service.baseUrl}/?lang=en`);
  await expectHeading(page, 'Justera – digital approval (justering) of minutes');
  await page.locator('main').getByRole('link', { name: 'Check a document', exact: true }).waitFor();
  await page.goto(`${fixture.service.baseUrl}/?lang=sv`);
});

test('the door to "Kontrollera en handling" has a code field; a code typed carelessly finds the extract, not yet justerat', async () => {
  const created = await api(fixture.service, 'POST', '/api/v1/extracts', testExtract({ title: 'Koden i webbläsaren' }));
  await api(fixture.service, 'POST', `/api/v1/extracts/${created.json.id as string}/send`);
  const code = (await api(fixture.service, 'GET', `/api/v1/extracts/${created.json.id as string}`)).json.verificationCode as string;

  await findByTypedCode(page, fixture.service.baseUrl, code, (form) => checkPage(form, 'verifiera'));
  await page.getByText('Ännu inte justerat.').waitFor();
  await page.getByText('Koden i webbläsaren').waitFor();
  await page.getByText('Ingen har skrivit under ännu.').waitFor();
  await checkPage(page, 'verifiera-ej-justerat');
});

test('an empty code is said at the field', async () => {
  await page.goto(`${fixture.service.baseUrl}/verifiera?kod=`);
  await page.getByRole('alert').getByText('Skriv kontrollkoden som står på handlingen').waitFor();
  expect(await page.getByLabel('Kontrollkod').getAttribute('aria-invalid')).toBe('true');
  await axe(page, 'verifiera-kod-saknas');
});
