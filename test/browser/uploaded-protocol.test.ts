/**
 * An uploaded protocol in a real browser (issue 16 items 3 and 4): the secretary chooses the JSON, the
 * protocol PDF and the pages of one § in the new-extract form; the justerare's signing page shows the PDF
 * and the text read from the pages picked ("Sida 1 (sida 2 i protokollet)", a scanned page says it has no
 * text). axe (WCAG 2.1 AA) on the signing page in Swedish and English.
 */
import { scannedPageProtocol, SCANNED_PAGE_PROTOCOL_TEXT } from '../fixtures/pdf/foreign-protocols';
import { demoPerson } from '../integration/server/test-extracts';
import { checkPage, chooseDemoPerson, createDespiteDuplicate, expectHeading, extractFile, invitationLinks, pdfShown, useBrowserFixture } from './browser-fixture';

const fixture = useBrowserFixture();

test('the pages of one § picked in the form; the signing page shows their text', async () => {
  const { service, browser } = fixture();
  const secretary = await (await browser.newContext()).newPage();
  await secretary.goto(`${service.baseUrl}/sekreterare/nytt`);
  await chooseDemoPerson(secretary, 'karin');
  const file = extractFile('protokoll.json', { title: 'Detaljplan för kv. Björken' });
  const choose = async () => {
    await secretary.getByLabel('JSON-fil med utdraget').setInputFiles(file);
    await secretary.getByLabel('Protokollet som PDF (valfritt)').setInputFiles({ name: 'protokoll.pdf', mimeType: 'application/pdf', buffer: scannedPageProtocol() });
    await secretary.getByLabel(/^Sidor att justera/).fill('2-3');
  };
  await choose();
  await createDespiteDuplicate(secretary, 'Skapa från filen', choose);
  // What became of the protocol, said on the extract's page (a scan page and an unembedded font: not PDF/A).
  await secretary.getByRole('heading', { name: 'Protokollets PDF' }).waitFor();
  expect(await secretary.locator('ul.conversion').textContent()).toContain('Protokollets 2 sidor behölls som de är, följda av signatursidan.');
  await checkPage(secretary, 'protokoll-sekreterare');
  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();
  const links = await invitationLinks(secretary, secretary.url().split('?')[0]!);

  const sara = await (await browser.newContext()).newPage();
  await sara.goto(links.get(demoPerson('sara').email)!);
  await chooseDemoPerson(sara, 'sara');
  await expectHeading(sara, 'Justera protokollsutdrag');
  await pdfShown(sara);
  // Two pages picked and the signature page.
  expect(await sara.locator('#pdf-view canvas').count()).toBe(3);
  await sara.getByRole('heading', { name: 'Sida 1 (sida 2 i protokollet)' }).waitFor();
  const text = (await sara.locator('.extract-text').textContent()) ?? '';
  for (const line of SCANNED_PAGE_PROTOCOL_TEXT[1]!.flat()) expect(text).toContain(line);
  expect(text).not.toContain('Budget 2024');
  expect(text).toContain('Sidan 2 innehåller ingen text som gick att läsa; läs den i PDF-filen.');
  await checkPage(sara, 'protokoll-text', pdfShown);
});
