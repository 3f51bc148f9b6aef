/** The public side over HTTP with the real verifier in worker threads: pages, APIs, limits, no personnummer. */
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { fixedClock } from '../../../src/clock';
import { findAnslag } from '../../../src/storage/anslag-repository';
import { findExtract } from '../../../src/storage/extracts-repository';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import type { VerificationReport } from '../../../src/verification/model';
import { validateEtsiXml } from '../../helpers/xmllint';
import { CHAIR_PERSONNUMMER, CHAIR_PERSONNUMMER_VARIANTS, EXTRACT_ID, startPublicService, storeJusteradExample, tamperedCopy, type PublicTestService } from './public-fixture';

/** The text a reader sees: tags removed. */
function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

function expectNoPersonnummer(text: string): void {
  for (const variant of CHAIR_PERSONNUMMER_VARIANTS) expect(text).not.toContain(variant);
}

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}

interface AnslagList {
  total: number;
  items: Array<Record<string, unknown>>;
}

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

function pdfForm(bytes: Uint8Array, name: string, type = 'application/pdf'): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return form;
}

describe('the public side over HTTP', () => {
  let service: PublicTestService;

  beforeAll(async () => {
    service = await startPublicService({ verifyPerMinute: 0, readsPerMinute: 0 });
  });

  afterAll(async () => {
    await service?.close();
  });

  const get = (path: string) => fetch(`${service.baseUrl}${path}`);

  it('the verifier itself does see the personnummer in the certificate (so the tests below can fail)', async () => {
    const raw = await verifyPdf(service.example.final, { trustAnchors: service.example.keys.trustAnchors, crypto: new NodeCryptoProvider(), clock: fixedClock('2023-10-06T00:00:00Z') });
    expect(JSON.stringify(raw)).toContain(CHAIR_PERSONNUMMER);
  });

  it('lists the anslag on the anslagstavla with the dates the law gives, and it passes a fresh check', async () => {
    const board = await (await get('/anslagstavla')).text();
    expect(board).toContain(`/anslag/${service.anslagId}`);
    for (const text of ['Hägersten-Älvsjö stadsdelsnämnd', '2023-09-21', '2023-10-05', '2023-10-26', '2023-10-27', 'Uppsatt på anslagstavlan']) expect(board).toContain(text);
    const page = await get(`/anslag/${service.anslagId}`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Äkta');
    expect(html).toMatch(/Justerat av ordförande Johan Nilsson 2023-10-05 10:00 och justerare Sara Grolander 2023-10-05 10:00/);
    expect(html).toContain('Så överklagar du');
    expect(html).toContain('förvaltningsrätten');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/style=/i);
    expectNoPersonnummer(html);
  });

  it('serves the signed PDF unchanged and the anslag as its own sealed PDF', async () => {
    const signed = Buffer.from(await (await get(`/anslag/${service.anslagId}.pdf`)).arrayBuffer());
    expect(signed.equals(Buffer.from(service.example.final))).toBe(true);
    const notice = Buffer.from(await (await get(`/anslag/${service.anslagId}/anslag.pdf`)).arrayBuffer());
    const report = await json<VerificationReport>(fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: notice }));
    expect(report.signatures.map((s) => [s.field, s.indication])).toEqual([['sigill', 'TOTAL_PASSED']]);
  });

  it('answers the QR code target /verifiera/<code> with the same check', async () => {
    const html = await (await get(`/verifiera/${service.example.verificationCode}`)).text();
    expect(html).toContain('Äkta');
    expect(html).toContain(`/anslag/${service.anslagId}`);
    expectNoPersonnummer(html);
    expect(await (await get(`/verifiera/${service.example.verificationCode.toLowerCase()}`)).text()).toContain('Äkta');
    const missing = await get('/verifiera/ZZZZ-ZZZZ');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Det finns ingen handling med koden ZZZZ-ZZZZ');
  });

  it('POST /api/v1/verify answers the verifier report without any personnummer', async () => {
    const response = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: service.example.final });
    expect(response.status).toBe(200);
    const text = await response.text();
    expectNoPersonnummer(text);
    const report = JSON.parse(text) as VerificationReport;
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering?.complete).toBe(true);
    expect(report.signatures.find((s) => s.field === 'ordforande')?.signerNames?.commonName).toBe('Johan Nilsson');
  });

  it('POST /api/v1/verify?format=etsi answers the ETSI validation report (XML, valid against the schema), without any personnummer', async () => {
    const response = await fetch(`${service.baseUrl}/api/v1/verify?format=etsi`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: service.example.final });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    expect(validateEtsiXml({ xml }).valid).toBe(true);
    expectNoPersonnummer(xml);
    expect(xml).toContain('<Signer>Johan Nilsson</Signer>');
    expect(xml.match(/<MainIndication>[^<]*</g)?.every((line) => line.endsWith('total-passed<'))).toBe(true);
    const tampered = await (await fetch(`${service.baseUrl}/api/v1/verify?format=etsi`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: tamperedCopy(service.example.final) })).text();
    expect(validateEtsiXml({ xml: tampered }).valid).toBe(true);
    expect(tampered).toContain('urn:etsi:019102:mainindication:total-failed');
    const unknown = await fetch(`${service.baseUrl}/api/v1/verify?format=pdf`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: service.example.final });
    expect(unknown.status).toBe(400);
    expect((await json<ErrorAnswer>(unknown)).error).toMatchObject({ code: 'ERR_INPUT_INVALID', field: 'format' });
  });

  it('finds a tampered copy not authentic, and says what is wrong', async () => {
    const tampered = tamperedCopy(service.example.final);
    const report = await json<VerificationReport>(fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: tampered }));
    expect(report.indication).not.toBe('TOTAL_PASSED');
    const html = await (await fetch(`${service.baseUrl}/verifiera`, { method: 'POST', body: pdfForm(tampered, 'kopia.pdf') })).text();
    expect(html).toMatch(/Inte äkta|Kunde inte bekräftas/);
    expect(html).toContain('Det här är fel');
    expectNoPersonnummer(html);
  });

  it('the upload form answers in plain Swedish, the technical report one click away', async () => {
    const response = await fetch(`${service.baseUrl}/verifiera`, { method: 'POST', body: pdfForm(service.example.final, 'utdrag.pdf') });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(visibleText(html)).toContain('Äkta. Justerat av ordförande Johan Nilsson');
    expect(html).toContain('<details>');
    expect(html).toContain('Visa den tekniska rapporten');
    expectNoPersonnummer(html);
    const english = await (await fetch(`${service.baseUrl}/verifiera?lang=en`, { method: 'POST', body: pdfForm(service.example.final, 'utdrag.pdf') })).text();
    expect(visibleText(english)).toContain('Authentic. Approved by chair Johan Nilsson');
  });

  it('refuses what is not a PDF with a clear message', async () => {
    const html = await fetch(`${service.baseUrl}/verifiera`, { method: 'POST', body: pdfForm(Buffer.from('hello, not a pdf'), 'brev.txt', 'text/plain') });
    expect(html.status).toBe(415);
    expect(await html.text()).toContain('Filen är inte en PDF');
    const wrongType = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(wrongType.status).toBe(415);
    expect((await json<ErrorAnswer>(wrongType)).error).toMatchObject({ code: 'ERR_INPUT_NOT_PDF', field: 'Content-Type' });
    const notPdf = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: 'GIF89a....' });
    expect(notPdf.status).toBe(415);
    expect((await json<ErrorAnswer>(notPdf)).error.message).toContain('not a PDF');
    const garbage = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7\n garbage with no xref' });
    expect([200, 422]).toContain(garbage.status);
  });

  it('answers 413 above 50 MB, for the API and the form', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.7\n');
    const api = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: big });
    expect(api.status).toBe(413);
    expect((await json<ErrorAnswer>(api)).error).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE' });
    const form = await fetch(`${service.baseUrl}/verifiera`, { method: 'POST', body: pdfForm(big, 'stor.pdf') });
    expect(form.status).toBe(413);
    expect(await form.text()).toContain('Filen är för stor. Största tillåtna storlek är 50 MB.');
  });

  it('offers the anslag as JSON and as an Atom feed, names and roles only', async () => {
    const list = await json<AnslagList>(get('/api/v1/anslag'));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: service.anslagId, postedOn: '2023-10-05', appealEndsOn: '2023-10-26', takedownOn: '2023-10-27', current: true, signers: [{ name: 'Johan Nilsson', role: 'chair' }, { name: 'Sara Grolander', role: 'adjuster' }] });
    expectNoPersonnummer(JSON.stringify(list));
    const feed = await get('/anslagstavla.atom');
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await feed.text();
    expect(xml).toContain(`${service.baseUrl}/anslag/${service.anslagId}`);
    expect(xml).toContain('sista dag att överklaga 2023-10-26');
  });

  it('takes the anslag down after the last day of the appeal period; it stays in the archive', async () => {
    service.setNow('2023-10-26T21:59:00Z');
    expect(await (await get('/anslagstavla')).text()).toContain(`/anslag/${service.anslagId}`);
    service.setNow('2023-10-26T22:00:00Z');
    expect(await (await get('/anslagstavla')).text()).not.toContain(`/anslag/${service.anslagId}`);
    const archive = await (await get('/anslagstavla/arkiv?q=trygghetsprogram')).text();
    expect(archive).toContain(`/anslag/${service.anslagId}`);
    expect(archive).toContain('Nedtaget, finns i arkivet');
    expect((await (await get('/anslagstavla/arkiv?q=budget')).text())).not.toContain(`/anslag/${service.anslagId}`);
    expect((await get(`/anslag/${service.anslagId}`)).status).toBe(200);

    const run = await service.side.runSchedule();
    expect(run.takenDown.map((a) => a.id)).toEqual([service.anslagId]);
    expect((await findAnslag(service.database.db.knex, service.anslagId))?.state).toBe('taken_down');
    expect((await findExtract(service.database.db.knex, EXTRACT_ID))?.state).toBe('anslag_taken_down');
    expect((await service.side.runSchedule()).takenDown).toEqual([]);
    const trail = await service.database.db.knex('audit_events').where({ extract_id: EXTRACT_ID }).orderBy('seq');
    expect(trail.map((e: { type: string }) => e.type)).toEqual(['taken_down']);
  });

  it('gives an omedelbart justerad paragraph its own anslag, marked as such', async () => {
    const immediate = { ...service.example, extract: { ...service.example.extract, immediateAdjustment: true, paragraphs: ['13'], title: 'Omedelbart justerat ärende' } };
    const id = await storeJusteradExample(service.database, service.side, immediate, 'ex-immediate-p13');
    service.setNow('2023-10-05T12:00:00Z');
    const list = await json<AnslagList>(get('/api/v1/anslag'));
    expect(list.items.find((a) => a.id === id)).toMatchObject({ kind: 'omedelbar', paragraphs: '13', title: 'Omedelbart justerat ärende' });
    const page = await (await get(`/anslag/${id}`)).text();
    expect(page).toContain('§ 13 (Omedelbart justerad paragraf)');
    expect(page).toContain('är omedelbart justerat');
  });

  it('has an accessibility statement in both languages', async () => {
    expect(await (await get('/tillganglighet')).text()).toContain('Tillgänglighetsredogörelse');
    expect(await (await get('/tillganglighet?lang=en')).text()).toContain('Accessibility statement');
  });

  it('/verifiera alone may run a same-origin script: the in-browser check, with the service’s anchors as a static file', async () => {
    const page = await get('/verifiera');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'; connect-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/public/verifiera.js"></script>');
    expect(html).toMatch(/<section id="browser-check"[^>]* hidden>/);
    expect((await get('/anslagstavla')).headers.get('content-security-policy')).not.toContain('script-src');
    const script = await get('/public/verifiera.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const anchors = (await (await get('/public/trust-anchors.json')).json()) as { trustAnchors: string[]; demonstrationRoots: string[] };
    expect(anchors.trustAnchors).toEqual(service.example.keys.trustAnchors.map((der) => Buffer.from(der).toString('base64')));
    expect(anchors.demonstrationRoots).toHaveLength(1);
  });
});

describe('limits of the public side', () => {
  it('answers 429 when one client checks too often', async () => {
    const service = await startPublicService({ verifyPerMinute: 2 });
    try {
      const post = () => fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: service.example.final });
      expect((await post()).status).toBe(200);
      expect((await post()).status).toBe(200);
      const refused = await post();
      expect(refused.status).toBe(429);
      expect((await json<ErrorAnswer>(refused)).error.code).toBe('ERR_RATE_LIMITED');
      const form = new FormData();
      form.append('file', new Blob([service.example.final], { type: 'application/pdf' }), 'a.pdf');
      const page = await fetch(`${service.baseUrl}/verifiera`, { method: 'POST', body: form });
      expect(page.status).toBe(429);
      expect(await page.text()).toContain('Du har gjort många kontroller på kort tid');
    } finally {
      await service.close();
    }
  });

  it('answers 429 with a page of its own when one client reads too often', async () => {
    const service = await startPublicService({ readsPerMinute: 2 });
    try {
      expect((await fetch(`${service.baseUrl}/anslagstavla`)).status).toBe(200);
      expect((await fetch(`${service.baseUrl}/anslagstavla`)).status).toBe(200);
      const refused = await fetch(`${service.baseUrl}/anslagstavla?lang=en`);
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain('You have opened many pages in a short time');
      expect((await fetch(`${service.baseUrl}/api/v1/anslag`)).status).toBe(429);
    } finally {
      await service.close();
    }
  });
});
