/**
 * The whole justering in a real browser: the secretary uploads the example extract and sends it; in their
 * own browser contexts the justerare and then the ordförande open their links from the outbox, log in
 * through the demo provider, read the PDF (drawn by pdf.js) and sign; the secretary sees "Justerad" and
 * downloads a PDF that our verifier and pdfsig accept. Every page passes axe in Swedish and English.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifier } from '../../src/engines/verify-document';
import { runPdfsig } from '../helpers/pdfsig';
import { api } from '../integration/server/harness';
import { demoPerson } from '../integration/server/test-extracts';
import { checkPage, chooseDemoPerson, expectHeading, extractFile, invitationLinks, signAs, startBrowserFixture, type BrowserFixture } from './browser-fixture';

let fixture: BrowserFixture;

beforeAll(async () => {
  fixture = await startBrowserFixture();
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

test('the secretary sends the example, the justerare and the ordförande sign, the secretary downloads a verified PDF', async () => {
  const { service, browser } = fixture;
  const secretary = await (await browser.newContext()).newPage();
  await secretary.goto(`${service.baseUrl}/sekreterare`);
  await checkPage(secretary, 'demo-inloggning');
  await chooseDemoPerson(secretary, 'karin');
  await expectHeading(secretary, 'Protokollsutdrag');
  await checkPage(secretary, 'sekreterare-lista-tom');

  await secretary.getByRole('link', { name: 'Nytt utdrag' }).click();
  await expectHeading(secretary, 'Nytt protokollsutdrag');
  await checkPage(secretary, 'nytt-utdrag');
  await secretary.getByLabel('JSON-fil med utdraget').setInputFiles(extractFile('utdrag.json'));
  await secretary.getByRole('button', { name: 'Skapa från filen' }).click();
  await expectHeading(secretary, 'Stockholms stads Trygghetsprogram 2024-2027');
  expect(await secretary.locator('.verdict').textContent()).toContain('Utkast');
  await checkPage(secretary, 'utdrag-utkast');
  const extractUrl = secretary.url().split('?')[0];

  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();
  expect(await secretary.locator('.verdict').textContent()).toContain('Ute för justering');
  await checkPage(secretary, 'utdrag-skickat');

  const links = await invitationLinks(secretary, `${service.baseUrl}/sekreterare/utkorg`);
  await checkPage(secretary, 'utkorg');
  const saraLink = links.get(demoPerson('sara').email);
  const johanLink = links.get(demoPerson('johan').email);
  expect(saraLink).toBeDefined();
  expect(johanLink).toBeDefined();

  const sara = await (await browser.newContext()).newPage();
  const saraReceipt = await signAs(sara, saraLink!, 'sara', true);
  expect(saraReceipt).toContain('Sara Grolander, du har justerat och signerat utdraget');
  expect(saraReceipt).toContain('Väntar fortfarande på: Johan Nilsson');

  const johan = await (await browser.newContext()).newPage();
  const johanReceipt = await signAs(johan, johanLink!, 'johan', false);
  expect(johanReceipt).toContain('Alla har signerat: utdraget är justerat.');
  const code = (await johan.locator('.big-code').textContent())?.trim() ?? '';
  expect(code).not.toBe('');
  await johan.getByRole('link', { name: 'Kontrollera handlingen på verifieringssidan' }).click();
  await johan.waitForURL(`**/verifiera/${code}`);
  expect(await johan.locator('.verdict').textContent()).toContain('Äkta');

  await secretary.goto(extractUrl);
  expect(await secretary.locator('.verdict').textContent()).toContain('Justerad');
  await checkPage(secretary, 'utdrag-justerad');
  const signerStates = await secretary.locator('table').first().locator('tbody tr').allTextContents();
  expect(signerStates.every((row) => row.includes('Signerat'))).toBe(true);

  const download = await secretary.request.get(`${extractUrl}/pdf/justerad`);
  expect(download.status()).toBe(200);
  const pdf = new Uint8Array(await download.body());
  const report = await createVerifier(service.built.deps.keys.trustAnchors).verify(pdf);
  expect(report.indication).toBe('TOTAL_PASSED');
  expect(report.justering?.complete).toBe(true);
  const file = join(mkdtempSync(join(tmpdir(), 'justera-browser-pdf-')), 'justerad.pdf');
  writeFileSync(file, pdf);
  const pdfsig = runPdfsig(file);
  const byField = Object.fromEntries(pdfsig.signatures.map((s) => [s.fieldName, s]));
  // pdfsig checks CMS signatures; it leaves the document timestamp (tidsstampel) "not yet verified".
  for (const field of ['sigill', 'justerare-1', 'ordforande']) expect(byField[field]?.signatureValidation).toBe('Signature is Valid.');

  // Sara's receipt names the document as her signature left it.
  const revisions = (await api(service, 'GET', `/api/v1/extracts/${extractUrl.split('/').pop()}/revisions`)).json.revisions as { field: string | null; sha256: string }[];
  expect(saraReceipt).toContain(revisions.find((r) => r.field === 'justerare-1')!.sha256);

  const audit = await secretary.request.get(`${extractUrl}/verifikat.json`);
  const events = ((await audit.json()) as { events: { type: string }[] }).events.map((e) => e.type);
  expect(events).toEqual(expect.arrayContaining(['created', 'sent', 'link_opened', 'signed', 'justerad']));

  await secretary.goto(`${service.baseUrl}/sekreterare`);
  expect(await secretary.locator('tbody').textContent()).toContain('Justerad');
  await checkPage(secretary, 'sekreterare-lista');
}, 240_000);
