/**
 * The secretary's extract form over HTTP (issue 12, items 3, 4 and part of 8): the empty and the wrong form
 * answer every problem at once in Swedish (or English) with the field's label and no internal path, a
 * draft and a declined extract are edited through the same form (a new document version in the database,
 * the revision in the audit trail), the decline form and a signer without contact details, the warning for
 * the same organ + date + §, and the 403 page for a person who is not a sekreterare.
 */
import { CookieJar, demoLogin } from '../../helpers/demo-login';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { demoPerson, testExtract, tokenOf } from './test-extracts';

let service: TestService;

beforeAll(async () => {
  service = await startTestService({ dialect: 'sqlite', engines: standInEngines });
});
afterAll(async () => {
  await service?.close();
});

interface Page {
  status: number;
  html: string;
  url: string;
}

async function get(jar: CookieJar, path: string): Promise<Page> {
  const { response, url } = await jar.fetch(`${service.baseUrl}${path}`, { headers: { accept: 'text/html' } });
  return { status: response.status, html: await response.text(), url };
}

function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no CSRF field on the page: ${html.slice(0, 300)}`);
  return match[1]!;
}

/** Posts a form the way a browser does (urlencoded, our own Origin, the page's CSRF token). */
async function post(jar: CookieJar, path: string, fields: Record<string, string>, csrf: string): Promise<Page> {
  const { response, url } = await jar.fetch(`${service.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: service.baseUrl },
    body: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });
  return { status: response.status, html: await response.text(), url };
}

async function secretary(): Promise<CookieJar> {
  const jar = new CookieJar();
  await demoLogin(service.baseUrl, jar, 'karin', '/sekreterare');
  return jar;
}

/** The text of the error summary's items. */
function summaryItems(html: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
}

function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`<span class="field-error" id="f-${field}-error">([^<]*)</span>`).exec(html)?.[1];
}

const chair = demoPerson('johan');
const adjuster = demoPerson('sara');

function validForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    body: 'Formulärnämnden', meetingDate: '2026-03-14', paragraphs: '7', title: 'Ett ärende från formuläret', caseNumber: 'FN 2026/7',
    storageLocation: 'Registraturen', decision: 'Nämnden beslutar enligt förslaget.',
    chairName: chair.name, chairPersonnummer: chair.personnummer, chairEmail: chair.email,
    adjuster1Name: adjuster.name, adjuster1Personnummer: adjuster.personnummer, adjuster1Email: adjuster.email,
    secretaryName: 'Karin Sekreterare', secretaryEmail: 'karin.sekreterare@example.org',
    statement1Kind: 'reservation', statement1Author: 'Per Persson', statement1Party: 'M', statement1Text: 'Jag reserverar mig mot beslutet.',
    document1Id: 'FN 2026/7-1', document1Title: 'Tjänsteutlåtande',
    deadline: '2026-03-31', immediateAdjustment: 'ja', signingOrder: 'parallel', locale: 'sv',
    ...overrides,
  };
}

const INTERNAL = /participants\.|sections\.|documents\.|paragraphs\.\d|ordforande|justerare-\d|\band \d+ more problem|must be|is required|must not be empty/;

describe('the extract form', () => {
  test('the empty form: every required field named in Swedish in the summary and at its field, nothing internal', async () => {
    const jar = await secretary();
    const form = await get(jar, '/sekreterare/nytt');
    const answer = await post(jar, '/sekreterare/nytt', { signingOrder: 'parallel' }, csrfOf(form.html));
    expect(answer.status).toBe(400);
    const items = summaryItems(answer.html);
    // All of them, in the order of the form from the top.
    expect(items).toEqual([
      'Organ: Fältet måste fyllas i.',
      'Sammanträdesdatum: Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-14.',
      'Paragraf: Fältet måste fyllas i.',
      'Ärendets rubrik: Fältet måste fyllas i.',
      'Diarienummer: Fältet måste fyllas i.',
      'Förvaringsplats för protokollet: Fältet måste fyllas i.',
      'Beslut: Fältet måste fyllas i.',
      'Ordförande: Namn: Fältet måste fyllas i.',
      'Justerare: Namn: Fältet måste fyllas i.',
      'Sekreterare: Namn: Fältet måste fyllas i.',
    ]);
    expect(answer.html).not.toMatch(INTERNAL);
    // Each item links to its field, which says the same and is marked invalid.
    expect(answer.html).toContain('<a href="#f-meetingDate">');
    expect(fieldError(answer.html, 'meetingDate')).toBe('Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-14.');
    expect(answer.html).toMatch(/id="f-meetingDate" name="meetingDate" required aria-describedby="f-meetingDate-hint f-meetingDate-error" aria-invalid="true"/);
  });

  test('a wrong form: every problem at once, with what to write; English on an English page', async () => {
    const jar = await secretary();
    const csrf = csrfOf((await get(jar, '/sekreterare/nytt')).html);
    const wrong = validForm({
      meetingDate: '14/3/2026', paragraphs: '7, x', adjuster1Personnummer: '19821105-4420', chairEmail: 'johan@', deadline: '2026-03-01',
      statement1Kind: '', adjuster2Name: 'Gustav Gustavsson', document2Id: 'FN 2026/7-1', document2Title: 'Samma beteckning igen',
    });
    const answer = await post(jar, '/sekreterare/nytt', wrong, csrf);
    expect(answer.status).toBe(400);
    const items = summaryItems(answer.html);
    expect(items).toEqual(expect.arrayContaining([
      'Sammanträdesdatum: Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-14.',
      'Paragraf: Ange paragrafnummer med siffror, till exempel 12 eller 12a. Skilj flera med kommatecken.',
      'Justerare: Personnummer: Ange personnummer eller samordningsnummer som ÅÅÅÅMMDD-NNNN (12 siffror med rätt kontrollsiffra).',
      'Ordförande: E-post: Ange en e-postadress, till exempel fornamn.efternamn@kommun.se.',
      'Yttrande 1: Slag av yttrande: Välj ett av alternativen.',
      'Andra justerare (valfritt): Personnummer: Ange personnummer eller e-post för Gustav Gustavsson. Utan något av dem kan inbjudan inte nå rätt person.',
    ]));
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(answer.html).not.toMatch(INTERNAL);
    // What was typed stays.
    expect(answer.html).toContain('value="14/3/2026"');
    expect(answer.html).toContain('Jag reserverar mig mot beslutet.');

    const english = await post(jar, '/sekreterare/nytt?lang=en', wrong, csrf);
    const en = summaryItems(english.html);
    expect(en).toEqual(expect.arrayContaining(['Meeting date: Write the date as YYYY-MM-DD, for example 2026-03-14.']));
    expect(en.join('\n')).not.toMatch(/Ange|Fältet/);
  });

  test('an uploaded JSON file with problems: every one at the upload field, named by its Swedish label', async () => {
    const jar = await secretary();
    const csrf = csrfOf((await get(jar, '/sekreterare/nytt')).html);
    const upload = (json: string) => {
      const body = new FormData();
      body.set('_csrf', csrf);
      body.set('upload', new Blob([json], { type: 'application/json' }), 'utdrag.json');
      return jar.fetch(`${service.baseUrl}/sekreterare/nytt`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl }, body });
    };
    const wrong = await upload(JSON.stringify({ ...testExtract(), meetingDate: '2023-13-01', colour: 'blå' }));
    expect(wrong.response.status).toBe(400);
    const html = await wrong.response.text();
    const items = summaryItems(html);
    expect(items).toHaveLength(2);
    expect(items).toEqual(expect.arrayContaining([
      'JSON-fil med utdraget: Filen har fältet ”colour”, som ett utdrag inte har. Kontrollera stavningen.',
      'JSON-fil med utdraget: Sammanträdesdatum: Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-14.',
    ]));
    const notJson = await upload('{ inte json');
    expect(summaryItems(await notJson.response.text())).toEqual(['JSON-fil med utdraget: Filen är inte JSON.']);
  });

  test('the deadline before the meeting and a document listed twice are said in Swedish at their fields', async () => {
    const jar = await secretary();
    const csrf = csrfOf((await get(jar, '/sekreterare/nytt')).html);
    const answer = await post(jar, '/sekreterare/nytt', validForm({ deadline: '2026-03-01', document2Id: 'FN 2026/7-1', document2Title: 'Igen' }), csrf);
    expect(answer.status).toBe(400);
    expect(fieldError(answer.html, 'deadline')).toMatch(/^Sista dag för justering kan inte vara före sammanträdesdatum/);
    expect(fieldError(answer.html, 'document2Id')).toBe('FN 2026/7-1 står två gånger. Ta bort den ena.');
  });

  test('a signer with neither personnummer nor e-mail is refused when the draft is made, naming the person (form and API)', async () => {
    const jar = await secretary();
    const csrf = csrfOf((await get(jar, '/sekreterare/nytt')).html);
    const before = await service.database.db.knex('extracts').count({ n: '*' }).first();
    const answer = await post(jar, '/sekreterare/nytt', validForm({ chairPersonnummer: '', chairEmail: '' }), csrf);
    expect(answer.status).toBe(400);
    expect(fieldError(answer.html, 'chairPersonnummer')).toBe(`Ange personnummer eller e-post för ${chair.name}. Utan något av dem kan inbjudan inte nå rätt person.`);
    const after = await service.database.db.knex('extracts').count({ n: '*' }).first();
    expect(Number(after!.n)).toBe(Number(before!.n));
    const extract = testExtract();
    const refused = await api(service, 'POST', '/api/v1/extracts', { ...extract, participants: { ...(extract.participants as object), chair: { name: chair.name } } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'ERR_INPUT_INVALID', field: 'participants.chair.personnummer' });
    expect(refused.json.error.message).toContain(chair.name);
  });

  test('create by form with every part, then edit the draft: a new version in the database, the revision in the audit trail', async () => {
    const jar = await secretary();
    const csrf = csrfOf((await get(jar, '/sekreterare/nytt')).html);
    const created = await post(jar, '/sekreterare/nytt', validForm({ body: 'Redigeringsnämnden' }), csrf);
    expect(created.status).toBe(200);
    const id = /\/sekreterare\/utdrag\/([^/?]+)\?klart=created/.exec(created.url)?.[1];
    expect(id).toBeDefined();
    const knex = service.database.db.knex;
    const row = await knex('extracts').where({ id }).first();
    expect(row).toMatchObject({ state: 'draft', current_version: 1, deadline: '2026-03-31', body: 'Redigeringsnämnden' });
    const stored = JSON.parse((await knex('document_versions').where({ extract_id: id, version: 1 }).first()).extract_json);
    expect(stored).toMatchObject({
      immediateAdjustment: true, deadline: '2026-03-31', locale: 'sv',
      documents: [{ id: 'FN 2026/7-1', title: 'Tjänsteutlåtande' }],
      sections: { statements: [{ kind: 'reservation', author: 'Per Persson', party: 'M', text: 'Jag reserverar mig mot beslutet.' }] },
    });

    // "Redigera" opens the same form, filled in.
    expect(created.html).toContain(`href="/sekreterare/utdrag/${id}/redigera"`);
    const edit = await get(jar, `/sekreterare/utdrag/${id}/redigera`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('value="Per Persson"');
    expect(edit.html).toContain('value="FN 2026/7-1"');
    expect(edit.html).toContain('value="2026-03-31"');
    expect(edit.html).toMatch(/name="immediateAdjustment" value="ja" checked/);
    expect(edit.html).toMatch(/<option value="reservation" selected>/);

    // A problem in the edit keeps the form and says it at the field; nothing is stored.
    const values = formValuesOfPage(edit.html);
    const wrong = await post(jar, `/sekreterare/utdrag/${id}/redigera`, { ...values, title: '  ' }, csrfOf(edit.html));
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.html, 'title')).toBe('Fältet måste fyllas i.');
    expect((await knex('extracts').where({ id }).first()).current_version).toBe(1);

    // "Lägg till ett yttrande" shows one more row and saves nothing.
    const more = await post(jar, `/sekreterare/utdrag/${id}/redigera`, { ...values, _more: 'statement' }, csrfOf(edit.html));
    expect(more.html).toContain('id="f-statement3Kind"');
    const saved = await post(jar, `/sekreterare/utdrag/${id}/redigera`, {
      ...values, title: 'Ett ärende, rättat', statement2Kind: 'protokollsanteckning', statement2Author: 'Eva Ek', statement2Text: 'En anteckning.', document1Title: 'Tjänsteutlåtande, reviderat', immediateAdjustment: '',
    }, csrfOf(edit.html));
    expect(saved.url).toContain('?klart=revised');
    const revised = await knex('extracts').where({ id }).first();
    expect(revised).toMatchObject({ state: 'draft', current_version: 2, title: 'Ett ärende, rättat' });
    const v2 = JSON.parse((await knex('document_versions').where({ extract_id: id, version: 2 }).first()).extract_json);
    expect(v2.sections.statements.map((s: { author: string }) => s.author)).toEqual(['Per Persson', 'Eva Ek']);
    expect(v2.documents[0].title).toBe('Tjänsteutlåtande, reviderat');
    expect(v2.immediateAdjustment).toBe(false);
    const events = await knex('audit_events').where({ extract_id: id }).orderBy('seq');
    expect(events.map((e: { type: string }) => e.type)).toEqual(['created', 'revised']);
    expect(events[1].actor).toContain('Karin Sekreterare');
  });

  test('a declined extract is edited in the form and can be sent again (no JSON)', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', { ...testExtract(), body: 'Avböjandenämnden' });
    const sent = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    const token = tokenOf(sent.json.signers.find((s: { field: string }) => s.field === 'justerare-1').invitationUrl);
    const sara = new CookieJar();
    await demoLogin(service.baseUrl, sara, 'sara', `/invitation/${token}`);
    const signing = await get(sara, `/invitation/${token}`);
    expect(signing.status).toBe(200);

    // A comment of only spaces: back to the signing page, the error at the comment field.
    const spaces = await post(sara, `/invitation/${token}/avboj`, { comment: '   \n  ' }, csrfOf(signing.html));
    expect(spaces.status).toBe(400);
    expect(fieldError(spaces.html, 'comment')).toBe('Skriv vad som behöver rättas. Kommentaren går till sekreteraren.');
    expect(spaces.html).toMatch(/id="f-comment" name="comment"[^>]*aria-describedby="decline-intro f-comment-error" aria-invalid="true"/);
    expect(spaces.html).not.toMatch(/comment must say|Tekniskt/);
    expect((await service.database.db.knex('extracts').where({ id: created.json.id }).first()).state).toBe('out_for_justering');
    const declined = await post(sara, `/invitation/${token}/avboj`, { comment: 'Beslutet är fel.' }, csrfOf(signing.html));
    expect(declined.url).toContain('/kvitto');

    const jar = await secretary();
    const page = await get(jar, `/sekreterare/utdrag/${created.json.id}`);
    expect(page.html).toContain(`href="/sekreterare/utdrag/${created.json.id}/redigera"`);
    const edit = await get(jar, `/sekreterare/utdrag/${created.json.id}/redigera`);
    const values = formValuesOfPage(edit.html);
    expect(values.decision).toContain('Hägersten-Älvsjö stadsdelsnämnd godkänner');
    const saved = await post(jar, `/sekreterare/utdrag/${created.json.id}/redigera`, { ...values, decision: 'Nämnden godkänner förvaltningens tjänsteutlåtande, rättat.' }, csrfOf(edit.html));
    expect(saved.url).toContain('?klart=revised');
    const knex = service.database.db.knex;
    expect(await knex('extracts').where({ id: created.json.id }).first()).toMatchObject({ state: 'draft', current_version: 2 });
    const v2 = JSON.parse((await knex('document_versions').where({ extract_id: created.json.id, version: 2 }).first()).extract_json);
    expect(v2.sections.decision).toBe('Nämnden godkänner förvaltningens tjänsteutlåtande, rättat.');
    // The example's two statements and four documents came through the form unchanged.
    expect(v2.sections.statements).toEqual((testExtract().sections as { statements: unknown[] }).statements);
    expect(v2.documents).toEqual(testExtract().documents);
    const again = await post(jar, `/sekreterare/utdrag/${created.json.id}/skicka`, {}, csrfOf(saved.html));
    expect(again.url).toContain('?klart=sent');
    expect((await knex('extracts').where({ id: created.json.id }).first()).state).toBe('out_for_justering');
  });

  test('the same organ + date + § as an existing extract warns; confirmed, it is created', async () => {
    const jar = await secretary();
    const csrf = csrfOf((await get(jar, '/sekreterare/nytt')).html);
    const fields = validForm({ body: 'Dubblettnämnden', paragraphs: '3, 4' });
    const first = await post(jar, '/sekreterare/nytt', fields, csrf);
    expect(first.url).toContain('?klart=created');
    const count = async () => Number((await service.database.db.knex('extracts').where({ body: 'Dubblettnämnden' }).count({ n: '*' }).first())!.n);
    const warned = await post(jar, '/sekreterare/nytt', { ...fields, paragraphs: '4' }, csrf);
    expect(warned.status).toBe(200);
    expect(warned.html).toContain('Det finns redan ett utdrag för samma paragraf');
    expect(warned.html).toContain('Dubblettnämnden, § 3, 4, 2026-03-14');
    expect(warned.html).toContain('name="confirmDuplicate"');
    expect(await count()).toBe(1);
    // Another paragraph of the same meeting is no duplicate.
    const other = await post(jar, '/sekreterare/nytt', { ...fields, paragraphs: '5' }, csrf);
    expect(other.url).toContain('?klart=created');
    const confirmed = await post(jar, '/sekreterare/nytt', { ...fields, paragraphs: '4', confirmDuplicate: 'ja' }, csrf);
    expect(confirmed.url).toContain('?klart=created');
    expect(await count()).toBe(3);
  });

  test('a person who is not a sekreterare gets a 403 page saying who is logged in and what to do', async () => {
    const jar = new CookieJar();
    await demoLogin(service.baseUrl, jar, 'johan');
    const page = await get(jar, '/sekreterare');
    expect(page.status).toBe(403);
    expect(page.html).toContain('Du är inloggad som Johan Nilsson, som inte har rollen sekreterare.');
    expect(page.html).toContain('logga ut och logga in som en annan användare');
    expect(page.html).toContain('I demonstrationen: logga ut och välj Karin Sekreterare.');
    expect(page.html).toContain('action="/auth/logout"');
    expect(page.html).not.toMatch(/lacks the role|Tekniskt besked/);
    const english = await get(jar, '/sekreterare/nytt?lang=en');
    expect(english.status).toBe(403);
    expect(english.html).toContain('You are logged in as Johan Nilsson, who does not have the secretary role.');
  });

  test('an error page gives a reference to quote, not the technical English line', async () => {
    const jar = await secretary();
    const page = await get(jar, '/sekreterare/utdrag/finns-inte');
    expect(page.status).toBe(404);
    expect(page.html).toContain('Sidan eller utdraget finns inte.');
    expect(page.html).toMatch(/Felkod för support: [0-9A-F]{8}\./);
    expect(page.html).not.toContain('no extract with id');
  });
});

/** The values a browser would send back from the form on the page (text fields, text areas, selected options, checked boxes). */
function formValuesOfPage(html: string): Record<string, string> {
  const form = /<form class="stack" method="post" action="[^"]*\/redigera"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const values: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="(text|email|hidden)" id="[^"]*" name="([^"]+)"[^>]*value="([^"]*)"/g)) values[m[2]!] = unescape(m[3]!);
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) values[m[1]!] = unescape(m[2]!);
  for (const m of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) values[m[1]!] = unescape(m[2]!);
  for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) values[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? '';
  for (const m of form.matchAll(/<input type="(checkbox|radio)" id="[^"]*" name="([^"]+)" value="([^"]*)" checked/g)) values[m[2]!] = m[3]!;
  delete values._csrf;
  return values;
}
