/**
 * The secretary's form in a real browser (issue 12, items 3, 4, 8): the empty form answers with every problem
 * in the summary (links to the fields), the secretary creates a draft by the form with a statement and two
 * documents, edits the draft through "Redigera", sends it; a signer's spaces-only comment comes back at its
 * field; the same organ + date + § warns; a person who is not a sekreterare gets the 403 page. axe (WCAG 2.1
 * AA) on each new or changed page in Swedish and English.
 */
import { demoPerson } from '../integration/server/test-extracts';
import { join } from 'node:path';
import { axe, checkPage, chooseDemoPerson, expectHeading, invitationLinks, pdfShown, SHOTS, useBrowserFixture } from './browser-fixture';
import type { Page } from 'playwright-core';

const fixture = useBrowserFixture();

const chair = demoPerson('johan');
const adjuster = demoPerson('sara');

async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.locator(`#f-${name}`).fill(value);
}

async function setLang(page: Page, lang: 'sv' | 'en'): Promise<void> {
  await page.context().addCookies([{ name: 'lang', value: lang, url: fixture().service.baseUrl }]);
}

test('create by form, edit the draft, send; the error summary; a spaces-only decline; the duplicate warning; the 403 page', async () => {
  const { service, browser } = fixture();
  const secretary = await (await browser.newContext()).newPage();
  await secretary.goto(`${service.baseUrl}/sekreterare/nytt`);
  await chooseDemoPerson(secretary, 'karin');
  await expectHeading(secretary, 'Nytt protokollsutdrag');
  await checkPage(secretary, 'formular-nytt');

  // The empty form: every problem at once, in the summary (focusable, links) and at the fields.
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await secretary.locator('#error-summary').waitFor();
  const items = await secretary.locator('#error-summary li').allTextContents();
  expect(items).toEqual(expect.arrayContaining(['Sammanträdesdatum: Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-14.', 'Justerare: Namn: Fältet måste fyllas i.']));
  expect(items.length).toBeGreaterThanOrEqual(10);
  expect(items.join('\n')).not.toMatch(/participants\.|sections\.|must|required|more problem/);
  expect(await secretary.locator('#f-meetingDate').getAttribute('aria-invalid')).toBe('true');
  await axe(secretary, 'formular-fel-sv');
  await secretary.locator('#error-summary').screenshot({ path: join(SHOTS, 'formular-fel-sammanfattning.png') });
  // The summary's link moves to the field.
  await secretary.locator('#error-summary a[href="#f-body"]').click();
  expect(await secretary.evaluate('document.activeElement && document.activeElement.id')).toBe('f-body');
  await setLang(secretary, 'en');
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await expectHeading(secretary, 'New extract of minutes');
  expect(await secretary.locator('#error-summary').textContent()).toContain('Meeting date: Write the date as YYYY-MM-DD');
  await axe(secretary, 'formular-fel-en');
  await setLang(secretary, 'sv');
  await secretary.goto(`${service.baseUrl}/sekreterare/nytt`);

  // A whole extract by the form: a statement, two documents (one row added), omedelbar justering, a deadline.
  const fields = {
    body: 'Formulärnämnden', meetingDate: '2026-03-14', paragraphs: '7', title: 'Ett ärende från formuläret', caseNumber: 'FN 2026/7',
    storageLocation: 'Registraturen', deadline: '2026-03-31', decision: 'Nämnden beslutar enligt förslaget.',
    statement1Author: 'Per Persson', statement1Party: 'M', statement1Text: 'Jag reserverar mig mot beslutet.',
    document1Id: 'FN 2026/7-1', document1Title: 'Tjänsteutlåtande',
    chairName: chair.name, chairPersonnummer: chair.personnummer, chairEmail: chair.email,
    adjuster1Name: adjuster.name, adjuster1Personnummer: adjuster.personnummer, adjuster1Email: adjuster.email,
    secretaryName: 'Karin Sekreterare', secretaryEmail: 'karin.sekreterare@example.org',
  };
  await fill(secretary, fields);
  await secretary.locator('#f-statement1Kind').selectOption('reservation');
  await secretary.getByLabel(/Paragrafen justerades omedelbart/).check();
  await secretary.getByRole('button', { name: 'Lägg till en handling' }).click();
  await secretary.locator('#f-document2Id').waitFor();
  expect(await secretary.locator('#f-title').inputValue()).toBe(fields.title);
  await fill(secretary, { document2Id: 'FN 2026/7-2', document2Title: 'Protokollsbilaga' });
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await expectHeading(secretary, fields.title);
  const extractUrl = secretary.url().split('?')[0]!;
  expect(await secretary.locator('dl.facts').first().textContent()).toContain('2026-03-31');

  // Redigera: the same form, filled in; the change makes version 2.
  await secretary.getByRole('link', { name: 'Redigera utdraget' }).click();
  await expectHeading(secretary, 'Redigera protokollsutdraget');
  expect(await secretary.locator('#f-statement1Author').inputValue()).toBe('Per Persson');
  expect(await secretary.locator('#f-document2Title').inputValue()).toBe('Protokollsbilaga');
  expect(await secretary.locator('#f-statement1Kind').inputValue()).toBe('reservation');
  expect(await secretary.locator('#f-immediateAdjustment').isChecked()).toBe(true);
  await checkPage(secretary, 'formular-redigera');
  await secretary.locator('#f-title').fill('Ett ärende från formuläret, rättat');
  await secretary.locator('#f-document1Title').fill('Tjänsteutlåtande, reviderat');
  await secretary.getByRole('button', { name: 'Spara ny version' }).click();
  await secretary.getByText('En ny version är skapad.').waitFor();
  await expectHeading(secretary, 'Ett ärende från formuläret, rättat');
  expect(await secretary.locator('dl.facts').first().textContent()).toMatch(/Version\s*2/);
  await secretary.getByRole('button', { name: 'Skicka för justering' }).click();
  await secretary.getByText('Utdraget är skickat för justering.').waitFor();

  // A justerare declines with only spaces: back on the signing page, the error at the comment field.
  const links = await invitationLinks(secretary, extractUrl);
  const sara = await (await browser.newContext()).newPage();
  await sara.goto(links.get(adjuster.email)!);
  await chooseDemoPerson(sara, 'sara');
  await expectHeading(sara, 'Justera protokollsutdrag');
  await pdfShown(sara);
  await sara.getByLabel('Vad behöver rättas?').fill('   ');
  await sara.getByRole('button', { name: 'Avböj' }).click();
  await sara.locator('#f-comment-error').waitFor();
  expect(await sara.locator('#f-comment-error').textContent()).toBe('Skriv vad som behöver rättas. Kommentaren går till sekreteraren.');
  expect(await sara.locator('#f-comment').getAttribute('aria-invalid')).toBe('true');
  await pdfShown(sara);
  await axe(sara, 'avboj-fel-sv');

  // The same organ + date + § again: a warning, with a box to go on.
  await secretary.goto(`${service.baseUrl}/sekreterare/nytt`);
  await fill(secretary, { ...fields, title: 'Samma paragraf en gång till' });
  await secretary.locator('#f-statement1Kind').selectOption('reservation');
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await secretary.locator('#duplicate-warning').waitFor();
  expect(await secretary.locator('#duplicate-warning').textContent()).toContain('Formulärnämnden, § 7, 2026-03-14');
  await axe(secretary, 'formular-dubblett-sv');
  await secretary.getByLabel('Jag vill skapa utdraget ändå').last().check();
  await secretary.getByRole('button', { name: 'Skapa utkast' }).click();
  await expectHeading(secretary, 'Samma paragraf en gång till');

  // Someone who is not a sekreterare.
  const johan = await (await browser.newContext()).newPage();
  await johan.goto(`${service.baseUrl}/sekreterare`);
  await chooseDemoPerson(johan, 'johan');
  await expectHeading(johan, 'Sidan är bara för sekreterare');
  expect(await johan.locator('main').textContent()).toContain('Du är inloggad som Johan Nilsson, som inte har rollen sekreterare.');
  await checkPage(johan, 'inte-sekreterare');
}, 300_000);
