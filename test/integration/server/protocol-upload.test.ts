/**
 * Issue 16 over HTTP: the secretary's API takes a protocol PDF made elsewhere (multipart: the extract
 * JSON without sections, and the PDF); the workflow is the same as for our own extracts (send, the
 * justerare and the ordförande sign through the demo login, justerad, verified). The signing page shows
 * the text read from the protocol's pages (a scanned page says it has none). The field `pages` keeps the
 * pages of one § (omedelbar justering), and a revision keeps them. A refused upload stores nothing.
 */
import { resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { parseProtocolMeta } from '../../../src/domain/extract';
import { formValuesOf } from '../../../src/server/pages/extract-form';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { loadKeys } from '../../../src/ca/keys-folder';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { pdftotext } from '../../helpers/poppler';
import { activeContentProtocol, encryptedProtocol, HAND_WRITTEN_LINES, handWrittenProtocol, SCANNED_PAGE_PROTOCOL_TEXT, scannedPageProtocol } from '../../fixtures/pdf/foreign-protocols';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { testExtract, tokenOf } from './test-extracts';

const keysExample = resolve(__dirname, '../../../keys-example');

function upload(service: TestService, protocol: Uint8Array, fields: { pages?: string } = {}): Promise<Response> {
  const form = new FormData();
  form.set('extract', JSON.stringify(metaOf()));
  form.set('protocol', new Blob([Buffer.from(protocol)], { type: 'application/pdf' }), 'protokoll.pdf');
  if (fields.pages !== undefined) form.set('pages', fields.pages);
  return fetch(`${service.baseUrl}/api/v1/extracts`, { method: 'POST', headers: { authorization: `Bearer ${service.apiKey}` }, body: form });
}

function metaOf(): Record<string, unknown> {
  const extract = testExtract() as Record<string, unknown>;
  delete extract.sections;
  return extract;
}

async function pdfOf(service: TestService, id: string): Promise<Uint8Array> {
  const response = await fetch(`${service.baseUrl}/api/v1/extracts/${id}/pdf`, { headers: { authorization: `Bearer ${service.apiKey}` } });
  return new Uint8Array(await response.arrayBuffer());
}

async function pageCount(service: TestService, id: string): Promise<number> {
  return (await PDFDocument.load(await pdfOf(service, id))).getPageCount();
}

/** The stored row of one document version (what the signing page and a revision read). */
async function versionRow(service: TestService, id: string, version: number): Promise<{ protocol_pdf_sha256: string | null; protocol_text: string | null; protocol_pages: string | null; protocol_conversion: string | null }> {
  return service.database.db.knex('document_versions').where({ extract_id: id, version }).first();
}

/** The signing page of one signer's link, as that demo person logged in sees it. */
async function signingPageHtml(service: TestService, token: string, person: string, lang = 'sv'): Promise<{ html: string; jar: CookieJar }> {
  const jar = new CookieJar();
  await jar.fetch(`${service.baseUrl}/invitation/${token}`, { headers: { accept: 'text/html' } });
  await demoLogin(service.baseUrl, jar, person, `/invitation/${token}`);
  const page = await jar.fetch(`${service.baseUrl}/invitation/${token}?lang=${lang}`, { headers: { accept: 'text/html' } });
  return { html: await page.response.text(), jar };
}

/** Whether every text occurs in `html`, each after the one before. */
function inOrder(html: string, texts: readonly string[]): boolean {
  let from = 0;
  for (const text of texts) {
    const at = html.indexOf(text, from);
    if (at < 0) return false;
    from = at + text.length;
  }
  return true;
}

async function storedCounts(service: TestService): Promise<number[]> {
  const { knex } = service.database.db;
  const count = async (table: string) => Number(((await knex(table).count({ n: '*' }))[0] as { n: number | string }).n);
  return Promise.all(['extracts', 'document_versions', 'pdf_blobs', 'signers', 'audit_events'].map(count));
}

describe.each(dialects)('the workflow of an uploaded protocol on %s', (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    // In-process on SQLite, on the worker-thread pool on PostgreSQL (the PDF crosses to the worker).
    service = await startTestService({ dialect, env: { KEYS_DIR: keysExample, ENGINE_WORKERS: dialect === 'sqlite' ? '0' : '2' } });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('is assembled with its pages and ours, sent, signed, justerad and verified', async () => {
    const response = await upload(service, handWrittenProtocol());
    const created = (await response.json()) as { id: string; state: string };
    expect({ status: response.status, state: created.state }).toEqual({ status: 201, state: 'draft' });
    const draft = await fetch(`${service.baseUrl}/api/v1/extracts/${created.id}/pdf`, { headers: { authorization: `Bearer ${service.apiKey}` } });
    expect((await PDFDocument.load(await draft.arrayBuffer())).getPageCount()).toBe(3);
    const stored = await versionRow(service, created.id, 1);
    expect(JSON.parse(stored.protocol_text!)).toEqual(HAND_WRITTEN_LINES.map((lines, i) => ({ protocolPage: i + 1, paragraphs: [lines] })));
    expect(stored.protocol_pages).toBeNull();

    const sent = await api(service, 'POST', `/api/v1/extracts/${created.id}/send`);
    expect(sent.json.state).toBe('out_for_justering');
    const links = Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)]));
    for (const [person, field] of [['sara', 'justerare-1'], ['johan', 'ordforande']] as const) {
      const { html, jar } = await signingPageHtml(service, links[field]!, person);
      expect(inOrder(html, ['<h4 id="protocol-page-1">Sida 1</h4>', ...HAND_WRITTEN_LINES[0]!, '<h4 id="protocol-page-2">Sida 2</h4>', ...HAND_WRITTEN_LINES[1]!])).toBe(true);
      expect(html).toContain('Det är PDF-filen du signerar.');
      const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${links[field]}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
      expect(signed.response.status).toBe(200);
    }
    const final = await fetch(`${service.baseUrl}/api/v1/extracts/${created.id}/pdf/final`, { headers: { authorization: `Bearer ${service.apiKey}` } });
    expect(final.status).toBe(200);
    const pdf = new Uint8Array(await final.arrayBuffer());
    const report = await verifyPdf(pdf, { trustAnchors: loadKeys(keysExample).trustAnchors, crypto: new NodeCryptoProvider() });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering?.complete).toBe(true);
  });
});

describe('a protocol PDF uploaded through POST /api/v1/extracts', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', env: { KEYS_DIR: keysExample, ENGINE_WORKERS: '0' } });
  });
  afterAll(async () => {
    await service?.close();
  });

  it.each([
    ['an encrypted PDF', () => encryptedProtocol(), 422, 'ERR_PDF_ENCRYPTED'],
    ['a text file', () => Buffer.from('Protokoll\n'), 415, 'ERR_INPUT_NOT_PDF'],
  ])('refuses %s with its code and stores nothing', async (_what, make, status, code) => {
    const before = await storedCounts(service);
    const response = await upload(service, make());
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, field: 'protocol' } });
    expect(await storedCounts(service)).toEqual(before);
  });

  /** Creates a draft from an upload and sends it: the links by field. */
  async function uploadedAndSent(protocol: Uint8Array, fields: { pages?: string } = {}): Promise<{ id: string; links: Record<string, string> }> {
    const created = (await (await upload(service, protocol, fields)).json()) as { id: string };
    const sent = await api(service, 'POST', `/api/v1/extracts/${created.id}/send`);
    return { id: created.id, links: Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)])) };
  }

  it('shows the text of each page on the signing page, in order, and says that a scanned page has none', async () => {
    const { links } = await uploadedAndSent(scannedPageProtocol());
    const { html } = await signingPageHtml(service, links['justerare-1']!, 'sara');
    const [first, second] = SCANNED_PAGE_PROTOCOL_TEXT;
    expect(inOrder(html, ['Sida 1', ...first!.flat(), 'Sida 2', ...second!.flat(), 'Sida 3', 'Sidan 3 innehåller ingen text som gick att läsa; läs den i PDF-filen.'])).toBe(true);
    // Paragraphs by the gaps between lines, the lines of one paragraph kept apart.
    expect(html).toContain(`<p>${first![1]![0]}<br>${first![1]![1]}</p>`);
    const english = await signingPageHtml(service, links.ordforande!, 'johan', 'en');
    expect(english.html).toContain('<p class="no-text" lang="en">Page 3 holds no text that could be read; read it in the PDF file.</p>');
    expect(english.html).toContain('<h4 id="protocol-page-1">Sida 1</h4>');
  });

  it('keeps only the pages given in `pages`, and a revision keeps the same pages', async () => {
    const response = await upload(service, scannedPageProtocol(), { pages: '2' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(await pageCount(service, id)).toBe(2);
    const text = pdftotext(await pdfOf(service, id));
    expect(text).toContain('Detaljplan för kv. Björken');
    expect(text).not.toContain('Budget 2024');
    const first = await versionRow(service, id, 1);
    expect(first.protocol_pages).toBe('[2]');
    expect(JSON.parse(first.protocol_text!)).toEqual([{ protocolPage: 2, paragraphs: SCANNED_PAGE_PROTOCOL_TEXT[1] }]);

    expect((await api(service, 'POST', `/api/v1/extracts/${id}/revisions`)).status).toBe(201);
    const second = await versionRow(service, id, 2);
    expect({ pdf: second.protocol_pdf_sha256, pages: second.protocol_pages, text: second.protocol_text }).toEqual({ pdf: first.protocol_pdf_sha256, pages: '[2]', text: first.protocol_text });
    expect(await pageCount(service, id)).toBe(2);
    expect(pdftotext(await pdfOf(service, id))).not.toContain('Budget 2024');
  });

  it.each([
    ['a list that is no list', 'tre'],
    ['a range backwards', '2-1'],
    ['a page the protocol does not have', '2, 4'],
  ])('refuses %s in `pages` (400, naming the field) and stores nothing', async (_what, pages) => {
    const before = await storedCounts(service);
    const response = await upload(service, scannedPageProtocol(), { pages });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'ERR_INPUT_INVALID', field: 'pages' } });
    expect(await storedCounts(service)).toEqual(before);
  });

  describe('the secretary’s pages', () => {
    async function secretary(): Promise<{ jar: CookieJar; csrf: string }> {
      const jar = new CookieJar();
      await demoLogin(service.baseUrl, jar, 'karin', '/sekreterare');
      const form = await jar.fetch(`${service.baseUrl}/sekreterare/nytt`, { headers: { accept: 'text/html' } });
      return { jar, csrf: /name="_csrf" value="([^"]+)"/.exec(await form.response.text())![1]! };
    }

    it('edit an uploaded protocol’s draft with the form, and revise it, with the same protocol PDF and pages', async () => {
      const { id } = (await (await upload(service, scannedPageProtocol(), { pages: '1-2' })).json()) as { id: string };
      const { jar, csrf } = await secretary();
      const edit = await jar.fetch(`${service.baseUrl}/sekreterare/utdrag/${id}/redigera`, { headers: { accept: 'text/html' } });
      const form = await edit.response.text();
      expect(edit.response.status).toBe(200);
      // The text is the protocol's PDF: the form has no text fields to write one.
      expect(form).toContain('som behålls med samma sidor (1, 2).');
      expect(form).not.toContain('id="f-decision"');
      const body = new FormData();
      for (const [name, value] of Object.entries({ ...formValuesOf(parseProtocolMeta(metaOf())), title: 'Budget 2024, reviderad', _csrf: csrf })) body.set(name, value);
      const edited = await jar.fetch(`${service.baseUrl}/sekreterare/utdrag/${id}/redigera`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl }, body });
      expect({ status: edited.response.status, redirects: edited.redirects }).toEqual({ status: 200, redirects: [expect.stringMatching(/\?klart=revised$/)] });

      const revise = new FormData();
      revise.set('_csrf', csrf);
      const revised = await jar.fetch(`${service.baseUrl}/sekreterare/utdrag/${id}/revidera`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl }, body: revise });
      expect({ status: revised.response.status, redirects: revised.redirects }).toEqual({ status: 200, redirects: [expect.stringMatching(/\?klart=revised$/)] });

      const [first, second, third] = await Promise.all([1, 2, 3].map((version) => versionRow(service, id, version)));
      for (const row of [second!, third!]) expect({ pdf: row.protocol_pdf_sha256, pages: row.protocol_pages }).toEqual({ pdf: first!.protocol_pdf_sha256, pages: '[1,2]' });
      const view = await api(service, 'GET', `/api/v1/extracts/${id}`);
      expect({ version: view.json.version, title: view.json.title }).toEqual({ version: 3, title: 'Budget 2024, reviderad' });
      expect(view.json.protocol).toMatchObject({ pages: [1, 2], conversion: { keptPages: 2, tagged: false, scriptsRemoved: 0, filesRemoved: [] } });
      expect(await pageCount(service, id)).toBe(3);
      expect(pdftotext(await pdfOf(service, id))).toContain('Kommunstyrelsen beslutar att anta budgeten.');
    });
  });

  describe('in the new-extract form', () => {
    async function formPost(protocol: Uint8Array | undefined, lang = 'sv', pages?: string): Promise<{ status: number; html: string; redirects: string[] }> {
      const jar = new CookieJar();
      await demoLogin(service.baseUrl, jar, 'karin', '/sekreterare');
      const form = await jar.fetch(`${service.baseUrl}/sekreterare/nytt`, { headers: { accept: 'text/html' } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.response.text())![1]!;
      const body = new FormData();
      body.set('_csrf', csrf);
      if (pages !== undefined) body.set('pages', pages);
      // The same organ, date and § as the drafts made before in this file: confirmed, so that the form goes on.
      body.set('confirmDuplicate', 'ja');
      body.set('upload', new Blob([JSON.stringify(metaOf())], { type: 'application/json' }), 'protokoll.json');
      if (protocol) body.set('protocol', new Blob([Buffer.from(protocol)], { type: 'application/pdf' }), 'protokoll.pdf');
      const answer = await jar.fetch(`${service.baseUrl}/sekreterare/nytt?lang=${lang}`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl }, body });
      return { status: answer.response.status, html: await answer.response.text(), redirects: answer.redirects };
    }

    it('has a labelled file input for the protocol PDF, its hint tied to it', async () => {
      const jar = new CookieJar();
      await demoLogin(service.baseUrl, jar, 'karin', '/sekreterare');
      const html = await (await jar.fetch(`${service.baseUrl}/sekreterare/nytt`, { headers: { accept: 'text/html' } })).response.text();
      expect(html).toContain('<label for="f-protocol">Protokollet som PDF (valfritt)</label>');
      expect(html).toMatch(/<input type="file" id="f-protocol" name="protocol" accept="application\/pdf,.pdf" aria-describedby="f-protocol-hint">/);
    });

    it('has a labelled text input for the pages of one §, its hint tied to it', async () => {
      const jar = new CookieJar();
      await demoLogin(service.baseUrl, jar, 'karin', '/sekreterare');
      const html = await (await jar.fetch(`${service.baseUrl}/sekreterare/nytt`, { headers: { accept: 'text/html' } })).response.text();
      expect(html).toContain('<label for="f-pages">Sidor att justera (för omedelbar justering av en §, t.ex. 3–4)</label>');
      expect(html).toContain('<input type="text" id="f-pages" name="pages" aria-describedby="f-pages-hint" value="">');
    });

    it('keeps the pages typed', async () => {
      const answer = await formPost(scannedPageProtocol(), 'sv', '2');
      expect(answer.status).toBe(200);
      const id = /\/sekreterare\/utdrag\/([\w-]+)\?klart=created$/.exec(answer.redirects[0] ?? '')?.[1];
      expect(await pageCount(service, id!)).toBe(2);
      expect((await versionRow(service, id!, 1)).protocol_pages).toBe('[2]');
    });

    it('says bad pages at their field, in Swedish and in English, and stores nothing', async () => {
      const before = await storedCounts(service);
      const swedish = await formPost(scannedPageProtocol(), 'sv', 'sidan tre');
      expect(swedish.status).toBe(400);
      expect(swedish.html).toContain('<span class="field-error" id="f-pages-error">Skriv sidnummer i protokollet, till exempel &quot;3-4&quot; eller &quot;3-4, 6&quot;.</span>');
      expect(swedish.html).toContain('aria-describedby="f-pages-hint f-pages-error" aria-invalid="true" value="sidan tre"');
      expect(swedish.html).toContain('<a href="#f-pages">');
      const english = await formPost(scannedPageProtocol(), 'en', '4');
      expect(english.status).toBe(400);
      expect(english.html).toContain('<span class="field-error" id="f-pages-error">The protocol does not have all of those pages. Write page numbers that are in the PDF file.</span>');
      const withoutPdf = await formPost(undefined, 'sv', '2');
      expect(withoutPdf.status).toBe(400);
      expect(withoutPdf.html).toContain('Sidor väljs ur protokollets PDF');
      expect(await storedCounts(service)).toEqual(before);
    });

    it('creates the draft from the JSON and the PDF', async () => {
      const before = await storedCounts(service);
      const answer = await formPost(handWrittenProtocol());
      expect(answer.status).toBe(200);
      expect(answer.redirects).toEqual([expect.stringMatching(/\/sekreterare\/utdrag\/[\w-]+\?klart=created$/)]);
      expect((await storedCounts(service))[0]).toBe(before[0]! + 1);
    });

    it('tells the secretary what became of the protocol: pages kept, not PDF/A and why, not tagged, the JavaScript and file removed', async () => {
      const swedish = await formPost(activeContentProtocol());
      expect(swedish.redirects).toEqual([expect.stringMatching(/\?klart=created$/)]);
      const section = /<h2>Protokollets PDF<\/h2>\s*<ul class="conversion">(.*?)<\/ul>/s.exec(swedish.html)?.[1];
      expect(section?.split('</li>').map((item) => item.replace(/<[^>]+>/g, '').trim()).filter(Boolean)).toEqual([
        'Protokollets 2 sidor behölls som de är, följda av signatursidan.',
        expect.stringMatching(/^Resultatet är inte PDF\/A \(arkivformat\)\. .* Skäl: .*Helvetica.*\.$/),
        'Protokollet är inte taggat (ingen struktur för skärmläsare), så resultatet är det inte heller.',
        'En JavaScript-åtgärd togs bort.',
        'Inbäddade filer togs bort: bilaga.txt.',
      ]);
      expect(section).toContain('<span lang="en">');
      const id = /\/sekreterare\/utdrag\/([\w-]+)\?klart=created$/.exec(swedish.redirects[0]!)![1]!;
      const stored = JSON.parse((await versionRow(service, id, 1)).protocol_conversion!) as Record<string, unknown>;
      expect(stored).toMatchObject({ keptPages: 2, tagged: false, pdfua: false, scriptsRemoved: 1, filesRemoved: ['bilaga.txt'] });
      expect(stored).not.toHaveProperty('pdfaLevel');
    });

    it('says a refused PDF at its field, in Swedish and in English, and stores nothing', async () => {
      const before = await storedCounts(service);
      const swedish = await formPost(encryptedProtocol());
      expect(swedish.status).toBe(400);
      expect(swedish.html).toContain('<span class="field-error" id="f-protocol-error">PDF-filen är krypterad eller lösenordsskyddad. Exportera den igen utan lösenord eller begränsningar.</span>');
      expect(swedish.html).toContain('aria-describedby="f-protocol-hint f-protocol-error" aria-invalid="true"');
      const english = await formPost(Buffer.from('inte en pdf'), 'en');
      expect(english.status).toBe(400);
      expect(english.html).toContain('The file is not a PDF. Export the protocol as PDF and choose that file.');
      expect(await storedCounts(service)).toEqual(before);
    });
  });

  it('names the missing part', async () => {
    const form = new FormData();
    form.set('extract', JSON.stringify(metaOf()));
    const response = await fetch(`${service.baseUrl}/api/v1/extracts`, { method: 'POST', headers: { authorization: `Bearer ${service.apiKey}` }, body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'ERR_INPUT_INVALID', field: 'protocol' } });
  });
});
