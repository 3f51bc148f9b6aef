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
import { loadKeys } from '../../../src/pki/keys-folder';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { encryptedProtocol, handWrittenProtocol } from '../../fixtures/pdf/foreign-protocols';
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

describe('a protocol PDF uploaded through POST /api/v1/extracts', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', env: { KEYS_DIR: keysExample, ENGINE_WORKERS: '0' } });
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

  it('names the missing part', async () => {
    const form = new FormData();
    form.set('extract', JSON.stringify(metaOf()));
    const response = await fetch(`${service.baseUrl}/api/v1/extracts`, { method: 'POST', headers: { authorization: `Bearer ${service.apiKey}` }, body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'ERR_INPUT_INVALID', field: 'protocol' } });
  });
});
