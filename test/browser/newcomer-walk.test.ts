/**
 * Issue 12's acceptance walk in one browser session per person, on the demonstration keys (keys-example):
 * the start page, the secretary's door and the demo login, a wrong and an empty form (every problem listed
 * at once, in Swedish, each at its field), an extract made by the form, its draft edited and sent; the
 * justerare opens the invitation from the outbox and declines with a comment; the secretary reads it, edits
 * the declined extract in the same form and sends it again; both sign from their new links; each gets the
 * result mail whose link gives the signed PDF; the public types the code in lower case without the hyphen
 * on /verifiera and reads "Äkta" and DEMO. axe (WCAG 2.1 AA) on every page in Swedish; the start page, the
 * form and the verification answer also in English.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { demoPerson } from '../integration/server/test-extracts';
import { axe, checkPage, chooseDemoPerson, expectHeading, findByTypedCode, invitationLinks, pdfShown, shownMails, signAs, useBrowserFixture } from './browser-fixture';

const fixture = useBrowserFixture({ env: { KEYS_DIR: resolve(__dirname, '../../keys-example'), ENGINE_WORKERS: '0' } });

const chair = demoPerson('johan');
const adjuster = demoPerson('lars');

async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.locator(`#f-${name}`).fill(value);
}

/**
 * The error summary and the fields agree: every field marked invalid has its entry in the summary (a link
 * to it, naming the field's label and saying the field's own error text), and every entry leads to such a
 * field. Returns the fields, in the summary's order. No internal path or English word in any of it.
 */
async function everyErrorListed(page: Page): Promise<string[]> {
  await page.locator('#error-summary').waitFor();
  const entries: { field: string; text: string }[] = [];
  for (const link of await page.locator('#error-summary li a').all()) {
    entries.push({ field: ((await link.getAttribute('href')) ?? '').replace(/^#f-/, ''), text: (await link.textContent()) ?? '' });
  }
  expect(await page.locator('#error-summary li').count()).toBe(entries.length);
  const invalid: string[] = [];
  for (const control of await page.locator('form [aria-invalid="true"]').all()) invalid.push(((await control.getAttribute('id')) ?? '').replace(/^f-/, ''));
  expect([...new Set(entries.map((e) => e.field))].sort()).toEqual([...invalid].sort());
  for (const { field, text } of entries) {
    // The summary says "<label>: <what to write>" (a signer's or a row's label behind its fieldset's name); the field says the same.
    const label = ((await page.locator(`label[for="f-${field}"]`).textContent()) ?? '').replace(/ \(valfritt\)$/, '');
    const at = text.indexOf(`${label}: `);
    expect({ field, text, labelFound: at >= 0 }).toEqual({ field, text, labelFound: true });
    expect((await page.locator(`#f-${field}-error`).textContent()) ?? '').toContain(text.slice(at + label.length + 2));
  }
  const all = entries.map((e) => e.text).join('\n');
  expect(all).not.toMatch(/participants|sections\.|adjusters|ordforande|justerare-\d|\b(must|required|invalid|expected|more problems?)\b/i);
  return entries.map((e) => e.field);
}

test('the newcomer\'s walk: start page → form → edit → send → decline → edit and re-send → both sign → result mails → the public finds it', async () => {
  const { service, browser } = fixture();
  const secretary = await (await browser.newContext()).newPage();

  // The start page and the secretary's door.
  await secretary.goto(`${service.baseUrl}/`);
  await expectHeading(secretary, 'Justera – digital justering av protokoll');
  await checkPage(secretary, 'vandring-start');
  await secretary.locator('main').getByRole('link', { name: 'För nämndsekreterare', exact: true }).click();
  await secretary.locator('input[name="person"][value="karin"]').waitFor();
  await axe(secretary, 'vandring-demo-inloggning-sv');
  await chooseDemoPerson(secretary, 'karin');
  await expectHeading(secretary, 'Protokollsutdrag');
  await axe(secretary, 'vandring-lista-tom-sv');
  await secretary.getByRole('link', { name: 'Nytt utdrag' }).click();
  await expectHeading(secretary, 'Nytt protokollsutdrag');
  await checkPage(secretary, 'vandring-formular');

  // The empty form (extract-form.test.ts checks its Swedish wording and the links' focus): every problem is listed, each at its field.
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  const emptyFields = await everyErrorListed(secretary);
  expect(emptyFields).toEqual(expect.arrayContaining(['body', 'meetingDate', 'paragraphs', 'title', 'caseNumber', 'storageLocation', 'decision', 'chairName', 'adjuster1Name', 'secretaryName']));
  await axe(secretary, 'vandring-formular-tomt-sv');

  // A wrong form: each wrong value at once, what was typed kept.
  const fields: Record<string, string> = {
    body: 'Hägersten-Älvsjö stadsdelsnämnd', meetingDate: '2023-09-21', paragraphs: '12', title: 'Stockholms stads Trygghetsprogram 2024-2027',
    caseNumber: 'HÄ 2023/418', storageLocation: 'Registraturen', deadline: '2023-10-05',
    decision: 'Nämnden godkänner förvaltningens tjänsteutlåtande.',
    statement1Author: 'Lolita Lovén Johnsen', statement1Party: 'V', statement1Text: 'Jag reserverar mig mot beslutet.',
    document1Id: 'HÄ 2023/418-1', document1Title: 'Tjänsteutlåtande',
    chairName: chair.name, chairPersonnummer: chair.personnummer, chairEmail: chair.email,
    adjuster1Name: adjuster.name, adjuster1Personnummer: adjuster.personnummer, adjuster1Email: adjuster.email,
    secretaryName: 'Karin Sekreterare', secretaryEmail: 'karin.sekreterare@example.org',
  };
  const wrong = { meetingDate: '21/9 2023', deadline: '2023-13-40', chairPersonnummer: '19650312-1234', adjuster1Email: 'lars.andersson', secretaryEmail: 'karin@' };
  await fill(secretary, { ...fields, ...wrong });
  await secretary.locator('#f-statement1Kind').selectOption('reservation');
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  expect((await everyErrorListed(secretary)).sort()).toEqual(Object.keys(wrong).sort());
  expect(await secretary.locator('#error-summary').textContent()).toContain('Sammanträdesdatum: Ange datum som ÅÅÅÅ-MM-DD');
  expect(await secretary.locator('#f-title').inputValue()).toBe(fields.title);
  expect(await secretary.locator('#f-meetingDate').inputValue()).toBe(wrong.meetingDate);
  await axe(secretary, 'vandring-formular-fel-sv');

  // Corrected: the draft.
  await fill(secretary, fields);
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await expectHeading(secretary, fields.title!);
  const extractUrl = secretary.url().split('?')[0]!;
  expect(await secretary.locator('.verdict').textContent()).toContain('Utkast');
  await axe(secretary, 'vandring-utkast-sv');

  // Redigera the draft: the same form, filled in; saving makes version 2.
  await secretary.getByRole('link', { name: 'Redigera utdraget' }).click();
  await expectHeading(secretary, 'Redigera protokollsutdraget');
  expect(await secretary.locator('#f-statement1Author').inputValue()).toBe('Lolita Lovén Johnsen');
  expect(await secretary.locator('#f-statement1Kind').inputValue()).toBe('reservation');
  await axe(secretary, 'vandring-redigera-utkast-sv');
  await secretary.locator('#f-subtitle').fill('Remiss från kommunstyrelsen');
  await secretary.getByRole('button', { name: 'Spara ny version' }).click();
  await secretary.getByText('En ny version är skapad.').waitFor();
  expect(await secretary.locator('dl.facts').first().textContent()).toMatch(/Version\s*2/);
  await axe(secretary, 'vandring-ny-version-sv');

  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();
  expect(await secretary.locator('.verdict').textContent()).toContain('Ute för justering');
  await axe(secretary, 'vandring-skickat-sv');

  // The justerare opens the invitation from the outbox and declines with a comment.
  const outbox = `${service.baseUrl}/sekreterare/utkorg`;
  const firstLinks = await invitationLinks(secretary, outbox);
  await axe(secretary, 'vandring-utkorg-sv');
  const lars = await (await browser.newContext()).newPage();
  await lars.goto(firstLinks.get(adjuster.email)!);
  await lars.locator('input[name="person"][value="lars"]').waitFor();
  await axe(lars, 'vandring-inloggning-inbjudan-sv');
  await chooseDemoPerson(lars, 'lars');
  await expectHeading(lars, 'Justera protokollsutdrag');
  await pdfShown(lars);
  await axe(lars, 'vandring-signera-forsta-sv');
  const comment = 'Underrubriken ska bort: remissen kom från stadsledningskontoret.';
  await lars.getByLabel('Vad behöver rättas?').fill(comment);
  await lars.getByRole('button', { name: 'Avböj' }).click();
  await expectHeading(lars, 'Kvitto');
  expect(await lars.locator('main').textContent()).toContain('du avböjde att justera utdraget');
  await axe(lars, 'vandring-kvitto-avbojt-sv');

  // The secretary sees the decline, edits the declined extract in the form and sends it again.
  await secretary.goto(`${service.baseUrl}/sekreterare`);
  expect(await secretary.locator('tbody').textContent()).toContain('Avböjt');
  await axe(secretary, 'vandring-lista-avbojt-sv');
  await secretary.goto(extractUrl);
  expect(await secretary.locator('.verdict').textContent()).toContain('Avböjt');
  expect(await secretary.locator('.declined h2').textContent()).toBe(`${adjuster.name} avböjde och skrev:`);
  expect(await secretary.locator('.comment').textContent()).toBe(comment);
  await axe(secretary, 'vandring-avbojt-sv');
  await secretary.getByRole('link', { name: 'Redigera utdraget' }).click();
  await expectHeading(secretary, 'Redigera protokollsutdraget');
  expect(await secretary.locator('#f-subtitle').inputValue()).toBe('Remiss från kommunstyrelsen');
  expect(await secretary.locator('#f-adjuster1Email').inputValue()).toBe(adjuster.email);
  await axe(secretary, 'vandring-redigera-avbojt-sv');
  await secretary.locator('#f-subtitle').fill('');
  await secretary.getByRole('button', { name: 'Spara ny version' }).click();
  await secretary.getByText('En ny version är skapad.').waitFor();
  expect(await secretary.locator('.verdict').textContent()).toContain('Utkast');
  expect(await secretary.locator('dl.facts').first().textContent()).toMatch(/Version\s*3/);
  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();
  const code = ((await secretary.locator('dl.facts').first().locator('dt:has-text("Kontrollkod") + dd').textContent()) ?? '').trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  // Both sign from their new links in the outbox (Lars in a new browser: the mail may come days later).
  const links = await invitationLinks(secretary, outbox);
  expect(links.get(adjuster.email)).not.toBe(firstLinks.get(adjuster.email));
  expect(links.get(chair.email)).not.toBe(firstLinks.get(chair.email));
  const larsAgain = await (await browser.newContext()).newPage();
  expect(await signAs(larsAgain, links.get(adjuster.email)!, 'lars', true)).toContain('Väntar fortfarande på: Johan Nilsson');
  const johan = await (await browser.newContext()).newPage();
  expect(await signAs(johan, links.get(chair.email)!, 'johan', true)).toContain('Alla har signerat: utdraget är justerat.');
  await secretary.goto(extractUrl);
  expect(await secretary.locator('.verdict').textContent()).toContain('Justerad');
  await axe(secretary, 'vandring-justerad-sv');
  const finalPdf = await secretary.request.get(`${extractUrl}/pdf/justerad`);
  expect(finalPdf.status()).toBe(200);
  const finalSha = createHash('sha256').update(await finalPdf.body()).digest('hex');

  // Each signer's result mail (in the outbox) links to the signed PDF, which their own login opens.
  const results = (await shownMails(secretary, outbox)).filter((m) => m.subject.startsWith('Justerat: '));
  for (const [person, page] of [[adjuster, larsAgain], [chair, johan]] as const) {
    const mail = results.find((m) => m.to === person.email);
    const pdfLink = mail?.links.find((link) => link.endsWith('/justerad.pdf'));
    expect({ to: person.email, pdfLink }).toEqual({ to: person.email, pdfLink: expect.stringMatching(/\/invitation\/[^/]+\/justerad\.pdf$/) });
    const download = await page.request.get(pdfLink!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/pdf');
    expect(createHash('sha256').update(await download.body()).digest('hex')).toBe(finalSha);
  }
  await axe(secretary, 'vandring-utkorg-resultat-sv');

  // The public: from the start page to "Kontrollera en handling", the code typed carelessly.
  const visitor = await (await browser.newContext()).newPage();
  await findByTypedCode(visitor, service.baseUrl, code, (form) => axe(form, 'vandring-verifiera-sv'));
  expect(await visitor.locator('.verdict').textContent()).toContain('Äkta');
  const answer = (await visitor.locator('main').textContent()) ?? '';
  expect(answer).toContain('DEMO: underskrifterna är gjorda med Justeras demonstrationsnycklar');
  expect(answer).toContain(fields.title);
  expect(await visitor.locator('body').textContent()).toContain('DEMO – demonstrationsläge');
  await checkPage(visitor, 'vandring-verifiera-svar');
  await visitor.goto(`${visitor.url().split('?')[0]}?lang=en`);
  expect(await visitor.locator('main').textContent()).toContain('DEMO: the signatures were made with Justera’s demonstration keys');
}, 420_000);
