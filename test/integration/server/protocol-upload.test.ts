/**
 * Issue 16 over HTTP: the secretary's API takes a protocol PDF made elsewhere (multipart: the extract
 * JSON without sections, and the PDF); the workflow is the same as for our own extracts (send, the
 * justerare and the ordförande sign through the demo login, justerad, verified). The signing page says
 * that the text is in the PDF only. A refused upload stores nothing.
 */
import { resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PDF_ONLY } from '../../../src/server/pages/extract-html';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { loadKeys } from '../../../src/ca/keys-folder';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { encryptedProtocol, handWrittenProtocol } from '../../fixtures/pdf/foreign-protocols';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { testExtract, tokenOf } from './test-extracts';

const keysExample = resolve(__dirname, '../../../keys-example');

function upload(service: TestService, protocol: Uint8Array, extract: unknown = metaOf()): Promise<Response> {
  const form = new FormData();
  form.set('extract', JSON.stringify(extract));
  form.set('protocol', new Blob([Buffer.from(protocol)], { type: 'application/pdf' }), 'protokoll.pdf');
  return fetch(`${service.baseUrl}/api/v1/extracts`, { method: 'POST', headers: { authorization: `Bearer ${service.apiKey}` }, body: form });
}

function metaOf(): Record<string, unknown> {
  const extract = testExtract() as Record<string, unknown>;
  delete extract.sections;
  return extract;
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

    const sent = await api(service, 'POST', `/api/v1/extracts/${created.id}/send`);
    expect(sent.json.state).toBe('out_for_justering');
    const links = Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)]));
    for (const [person, field] of [['sara', 'justerare-1'], ['johan', 'ordforande']] as const) {
      const jar = new CookieJar();
      await jar.fetch(`${service.baseUrl}/invitation/${links[field]}`, { headers: { accept: 'text/html' } });
      await demoLogin(service.baseUrl, jar, person, `/invitation/${links[field]}`);
      const page = await jar.fetch(`${service.baseUrl}/invitation/${links[field]}`, { headers: { accept: 'text/html' } });
      expect(await page.response.text()).toContain(PDF_ONLY);
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

  describe('in the new-extract form', () => {
    async function formPost(protocol: Uint8Array | undefined, lang = 'sv'): Promise<{ status: number; html: string; redirects: string[] }> {
      const jar = new CookieJar();
      await demoLogin(service.baseUrl, jar, 'karin', '/sekreterare');
      const form = await jar.fetch(`${service.baseUrl}/sekreterare/nytt`, { headers: { accept: 'text/html' } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.response.text())![1]!;
      const body = new FormData();
      body.set('_csrf', csrf);
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

    it('creates the draft from the JSON and the PDF', async () => {
      const before = await storedCounts(service);
      const answer = await formPost(handWrittenProtocol());
      expect(answer.status).toBe(200);
      expect(answer.redirects).toEqual([expect.stringMatching(/\/sekreterare\/utdrag\/[\w-]+\?klart=created$/)]);
      expect((await storedCounts(service))[0]).toBe(before[0]! + 1);
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
