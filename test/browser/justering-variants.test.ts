/**
 * The other ways a justering goes, in a real browser: two justerare sign at the same moment in two browser
 * contexts; a justerare declines with a comment that the secretary reads, revises and sends again (the
 * extract made with the form this time); a signer does the whole signing flow with the keyboard alone; and
 * the browser-security basics (CSRF token, CSP, cookie flags) hold.
 */
import type { Page } from 'playwright-core';
import { createVerifier } from '../../src/engines/verify-document';
import { api } from '../integration/server/harness';
import { demoPerson, testExtract } from '../integration/server/test-extracts';
import { axe, barrier, checkPage, chooseDemoPerson, createDespiteDuplicate, expectHeading, extractFile, invitationLinks, pdfShown, signAs, startBrowserFixture, type BrowserFixture } from './browser-fixture';

let fixture: BrowserFixture;
let secretary: Page;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  secretary = await (await fixture.browser.newContext()).newPage();
  await secretary.goto(`${fixture.service.baseUrl}/sekreterare`);
  await chooseDemoPerson(secretary, 'karin');
  await expectHeading(secretary, 'Protokollsutdrag');
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

/** Uploads an extract file, sends it, and returns the extract page's URL. */
async function uploadAndSend(file: string): Promise<string> {
  await secretary.goto(`${fixture.service.baseUrl}/sekreterare/nytt`);
  const choose = () => secretary.getByLabel('JSON-fil med utdraget').setInputFiles(file);
  await choose();
  await createDespiteDuplicate(secretary, 'Skapa från filen', choose);
  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();
  return secretary.url().split('?')[0]!;
}

test('two justerare sign at the same time in two browser contexts, then the ordförande', async () => {
  const { browser, service } = fixture;
  const extractUrl = await uploadAndSend(extractFile('tva-justerare.json', { adjusters: ['sara', 'asa'], title: 'Två justerare' }));
  const links = await invitationLinks(secretary, extractUrl);
  const [sara, asa, johan] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()].map(async (c) => (await c).newPage()));
  const bothReady = barrier(2);
  const receipts = await Promise.all([
    signAs(sara!, links.get(demoPerson('sara').email)!, 'sara', false, bothReady),
    signAs(asa!, links.get(demoPerson('asa').email)!, 'asa', false, bothReady),
  ]);
  // Each receipt is a snapshot: the other justerare may or may not have been done at that moment.
  for (const receipt of receipts) expect(receipt).toMatch(/Väntar fortfarande på: (Sara Grolander, |Åsa Öberg, )?Johan Nilsson\./);

  await secretary.goto(extractUrl);
  const rows = await secretary.locator('table').first().locator('tbody tr').allTextContents();
  expect(rows.filter((row) => row.includes('Signerat'))).toHaveLength(2);
  expect(await secretary.locator('.verdict').textContent()).toContain('Ute för justering');

  expect(await signAs(johan!, links.get(demoPerson('johan').email)!, 'johan', false)).toContain('Alla har signerat');
  await secretary.goto(extractUrl);
  expect(await secretary.locator('.verdict').textContent()).toContain('Justerad');
  const pdf = new Uint8Array(await (await secretary.request.get(`${extractUrl}/pdf/justerad`)).body());
  const report = await createVerifier(service.built.deps.keys.trustAnchors).verify(pdf);
  expect(report.justering?.complete).toBe(true);
  expect(report.indication).toBe('TOTAL_PASSED');
  expect(report.signatures.map((s) => s.field).sort()).toEqual(expect.arrayContaining(['justerare-1', 'justerare-2', 'ordforande']));
}, 240_000);

test('a justerare declines with a comment; the secretary reads it, revises and sends again', async () => {
  const { browser, service } = fixture;
  await secretary.goto(`${service.baseUrl}/sekreterare/nytt`);
  const chair = demoPerson('johan');
  const adjuster = demoPerson('lars');
  const fill: Record<string, string> = {
    body: 'Hägersten-Älvsjö stadsdelsnämnd', meetingDate: '2023-09-21', paragraphs: '12', title: 'Stockholms stads Trygghetsprogram 2024-2027',
    caseNumber: 'HÄ 2023/418', storageLocation: 'Registraturen', decision: 'Nämnden godkänner förvaltningens tjänsteutlåtande.',
    chairName: chair.name, chairPersonnummer: chair.personnummer, chairEmail: chair.email,
    adjuster1Name: adjuster.name, adjuster1Personnummer: adjuster.personnummer, adjuster1Email: adjuster.email,
    secretaryName: 'Karin Sekreterare', secretaryEmail: 'karin@example.org',
  };
  // A wrong personnummer first: the form says which field is wrong and keeps what was typed.
  for (const [name, value] of Object.entries({ ...fill, adjuster1Personnummer: '19821105-4420' })) await secretary.locator(`#f-${name}`).fill(value);
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await secretary.locator('#error-summary').waitFor();
  expect(await secretary.locator('#f-adjuster1Personnummer').getAttribute('aria-invalid')).toBe('true');
  expect(await secretary.locator('#f-title').inputValue()).toBe(fill.title);
  await axe(secretary, 'nytt-utdrag-fel-sv');
  // The same answer in English (the language cookie decides; the form keeps what was typed).
  await secretary.context().addCookies([{ name: 'lang', value: 'en', url: service.baseUrl }]);
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await expectHeading(secretary, 'New extract of minutes');
  expect(await secretary.locator('#error-summary').textContent()).toContain('Adjuster (justerare): Personal identity number');
  await axe(secretary, 'nytt-utdrag-fel-en');
  await secretary.context().addCookies([{ name: 'lang', value: 'sv', url: service.baseUrl }]);
  await secretary.getByRole('button', { name: 'Create draft' }).click();
  await expectHeading(secretary, 'Nytt protokollsutdrag');
  await secretary.locator('#f-adjuster1Personnummer').fill(adjuster.personnummer);
  await createDespiteDuplicate(secretary, 'Skapa utkast');
  await expectHeading(secretary, fill.title!);
  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();
  const extractUrl = secretary.url().split('?')[0]!;

  const oldLinks = await invitationLinks(secretary, extractUrl);
  const lars = await (await browser.newContext()).newPage();
  await lars.goto(oldLinks.get(adjuster.email)!);
  await chooseDemoPerson(lars, 'lars');
  await expectHeading(lars, 'Justera protokollsutdrag');
  await pdfShown(lars);
  await lars.getByLabel('Vad behöver rättas?').fill('Beslutet saknar meningen om remissvaret.\nLägg till den.');
  await lars.getByRole('button', { name: 'Avböj' }).click();
  await expectHeading(lars, 'Kvitto');
  expect(await lars.locator('main').textContent()).toContain('du avböjde att justera utdraget');
  await checkPage(lars, 'kvitto-avbojt');

  // The ordförande, still invited, reads that the extract cannot be signed now (no forms).
  const johanEarly = await (await browser.newContext()).newPage();
  await johanEarly.goto(oldLinks.get(chair.email)!);
  await chooseDemoPerson(johanEarly, 'johan');
  await expectHeading(johanEarly, 'Justera protokollsutdrag');
  expect(await johanEarly.locator('p.notice[role="status"]').textContent()).toContain('Utdraget kan inte signeras eller avböjas nu. Läge: Avböjt');
  expect(await johanEarly.locator('form[action$="/signera"]').count()).toBe(0);
  await checkPage(johanEarly, 'signera-ej-mojligt', pdfShown);

  await secretary.goto(extractUrl);
  expect(await secretary.locator('.verdict').textContent()).toContain('Avböjt');
  expect(await secretary.locator('.comment').textContent()).toBe('Beslutet saknar meningen om remissvaret.\nLägg till den.');
  await checkPage(secretary, 'utdrag-avbojt');

  await secretary.getByRole('button', { name: 'Skapa ny version' }).click();
  await secretary.getByText('En ny version är skapad.').waitFor();
  expect(await secretary.locator('.verdict').textContent()).toContain('Utkast');
  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();
  const facts = (await secretary.locator('dl.facts').first().textContent()) ?? '';
  expect(facts).toMatch(/Version\s*2/);
  // The old link is used up; the new one opens the new version.
  const newLinks = await invitationLinks(secretary, extractUrl);
  await lars.goto(newLinks.get(adjuster.email)!);
  await expectHeading(lars, 'Justera protokollsutdrag');
  // Johan's link of version 1, never used by him, says it is out of date (before any login).
  expect(newLinks.get(chair.email)).not.toBe(oldLinks.get(chair.email));
  const johan = await (await browser.newContext()).newPage();
  await johan.goto(oldLinks.get(chair.email)!);
  await expectHeading(johan, 'Det gick inte');
  expect(await johan.locator('[role="alert"]').textContent()).toContain('Länken är redan använd, eller gäller en äldre version av utdraget');
  expect((await johan.reload())?.status()).toBe(409);
  await checkPage(johan, 'fel-gammal-lank');
}, 240_000);

/** Presses Tab until the focused element matches `selector` (at most 80 times). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(`${selector}:focus`).count()) return;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

test('a signer logs in, reads and signs with the keyboard alone', async () => {
  const { browser, service } = fixture;
  const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['asa'], title: 'Med tangentbordet' }));
  expect(created.status).toBe(201);
  expect((await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`)).status).toBe(200);
  const mails = (await api(service, 'GET', `/api/v1/outbox?extractId=${created.json.id}`)).json.mails as { to: string; text: string }[];
  const link = /https?:\/\/\S+\/invitation\/\S+/.exec(mails.find((m) => m.to === demoPerson('asa').email)!.text)![0];

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await tabTo(page, 'input[name="person"]');
  while ((await page.locator('input[name="person"]:focus').getAttribute('value')) !== 'asa') await page.keyboard.press('ArrowDown');
  await tabTo(page, 'button[type="submit"]');
  await page.keyboard.press('Enter');
  await expectHeading(page, 'Justera protokollsutdrag');
  await pdfShown(page);
  await tabTo(page, '#f-confirm');
  await page.keyboard.press('Space');
  expect(await page.locator('#f-confirm').isChecked()).toBe(true);
  await page.keyboard.press('Tab');
  expect(await page.locator('button:focus').textContent()).toBe('Justera och signera');
  await page.keyboard.press('Enter');
  await expectHeading(page, 'Kvitto');
  await tabTo(page, 'a[href^="/verifiera/"]');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/verifiera/**');
}, 120_000);

test('forms need the CSRF token, pages carry a CSP without inline scripts, cookies are HttpOnly and SameSite', async () => {
  const { service } = fixture;
  const response = await secretary.request.get(`${service.baseUrl}/sekreterare`);
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers()['x-frame-options']).toBeDefined();
  const cookies = await secretary.context().cookies();
  expect(cookies.find((c) => c.name === 'justera_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ title: 'Utan token' }));
  const url = `${service.baseUrl}/sekreterare/utdrag/${created.json.id}/skicka`;
  const withoutToken = await secretary.request.post(url, { form: { other: 'x' }, maxRedirects: 0 });
  expect(withoutToken.status()).toBe(403);
  const wrongToken = await secretary.request.post(url, { form: { _csrf: 'A'.repeat(43) }, maxRedirects: 0 });
  expect(wrongToken.status()).toBe(403);
  // The session's own token, as the page's forms carry it; another session's would not do (session-revocation, csrf tests).
  await secretary.goto(`${service.baseUrl}/sekreterare`);
  const token = (await secretary.locator('input[name="_csrf"]').first().getAttribute('value'))!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const foreign = await secretary.request.post(url, { form: { _csrf: token }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
  expect(foreign.status()).toBe(403);
  expect((await api(service, 'GET', `/api/v1/extracts/${created.json.id}`)).json.state).toBe('draft');
  const good = await secretary.request.post(url, { form: { _csrf: token }, maxRedirects: 0 });
  expect(good.status()).toBe(303);
  expect((await api(service, 'GET', `/api/v1/extracts/${created.json.id}`)).json.state).toBe('out_for_justering');
});

test('on a phone: another person’s login gets a page that says what to do; the signer’s used link shows the receipt', async () => {
  const { browser, service } = fixture;
  const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara'], title: 'På telefonen' }));
  await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
  const mails = (await api(service, 'GET', `/api/v1/outbox?extractId=${created.json.id}`)).json.mails as { to: string; text: string }[];
  const link = /https?:\/\/\S+\/invitation\/\S+/.exec(mails.find((m) => m.to === demoPerson('sara').email)!.text)![0];

  const phone = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await phone.goto(link);
  await chooseDemoPerson(phone, 'lars');
  await expectHeading(phone, 'Det gick inte');
  expect(await phone.locator('[role="alert"]').textContent()).toContain('Inbjudan gäller en annan person än den som är inloggad');
  expect((await phone.reload())?.status()).toBe(403);
  await checkPage(phone, 'fel-annan-person-telefon');

  await phone.getByRole('button', { name: 'Logga ut' }).click();
  await chooseDemoPerson(phone, 'sara');
  await expectHeading(phone, 'Justera protokollsutdrag');
  await checkPage(phone, 'signera-telefon', pdfShown);
  await phone.getByLabel(/Jag har läst utdraget/).check();
  await phone.getByRole('button', { name: 'Justera och signera' }).click();
  await expectHeading(phone, 'Kvitto');
  await checkPage(phone, 'kvitto-telefon');

  // Opening the used link again brings back the receipt.
  await phone.goto(link);
  await expectHeading(phone, 'Kvitto');
}, 120_000);

test('the secretary chooses another justerare before sending: a new version names her', async () => {
  const { service } = fixture;
  const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['lars'], title: 'Byte av justerare' }));
  await secretary.goto(`${service.baseUrl}/sekreterare/utdrag/${created.json.id}`);
  const asa = demoPerson('asa');
  await secretary.locator('#f-adjuster1Name').fill(asa.name);
  await secretary.locator('#f-adjuster1Personnummer').fill(asa.personnummer);
  await secretary.locator('#f-adjuster1Email').fill(asa.email);
  await secretary.getByRole('button', { name: 'Spara undertecknarna' }).click();
  await secretary.getByText('En ny version är skapad.').waitFor();
  const signers = (await secretary.locator('table').first().textContent()) ?? '';
  expect(signers).toContain('Åsa Öberg');
  expect(signers).not.toContain('Lars Andersson');
  expect((await api(service, 'GET', `/api/v1/extracts/${created.json.id}`)).json).toMatchObject({ version: 2, state: 'draft' });
});
