/**
 * The newcomer's path over HTTP in the default configuration (keys-example, demo login, outbox): the start
 * page in both languages with its three doors and how to try the service, verification by a code typed
 * carelessly, "ännu inte justerat" while the justering runs, and DEMO in every answer about a PDF signed
 * with the demonstration keys (pages, POST /api/v1/verify, `justera verify`'s text, the appearance in the
 * PDF). With a deployment's own keys but the demo login, the appearance still says DEMO; with own keys and
 * no demo login, nothing does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMONSTRATION_APPEARANCE_LINE } from '../../../src/pades/sign-field';
import { createVerifier, loadTrustAnchors } from '../../../src/engines/verify-document';
import { renderTextOutcome } from '../../../src/verification/render/text';
import type { VerificationReport } from '../../../src/verification/model';
import { appearanceLines } from '../../helpers/appearance-text';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { runPdfsig } from '../../helpers/pdfsig';
import { api, startTestService, type TestService } from '../server/harness';
import { testExtract, tokenOf } from '../server/test-extracts';
import { startPublicService, type PublicTestService } from './public-fixture';

const keysExample = resolve(__dirname, '../../../keys-example');

function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

async function createAndSend(service: TestService, title: string): Promise<{ id: string; code: string; links: Record<string, string> }> {
  const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ title }));
  const id = created.json.id as string;
  const sent = await api(service, 'POST', `/api/v1/extracts/${id}/send`);
  const code = (await api(service, 'GET', `/api/v1/extracts/${id}`)).json.verificationCode as string;
  const links = Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)]));
  return { id, code, links };
}

/** Logs the demo person in through the invitation link and signs over HTTP. */
async function signAs(service: TestService, person: 'sara' | 'johan', token: string): Promise<void> {
  const jar = new CookieJar();
  await demoLogin(service.baseUrl, jar, person, `/invitation/${token}`);
  const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
  expect(signed.response.status).toBe(200);
}

async function pdfOf(service: TestService, id: string, which: 'pdf' | 'pdf/final'): Promise<Buffer> {
  return Buffer.from(await (await fetch(`${service.baseUrl}/api/v1/extracts/${id}/${which}`, { headers: { authorization: `Bearer ${service.apiKey}` } })).arrayBuffer());
}

describe('in the default (demonstration) configuration', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', env: { KEYS_DIR: keysExample, ENGINE_WORKERS: '0' } });
  });
  afterAll(async () => {
    await service?.close();
  });
  const page = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${service.baseUrl}${path}`, { redirect: 'manual', ...init });
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  };

  it('answers / with the start page in Swedish: what Justera is, three doors, whom to log in as and the outbox', async () => {
    const start = await page('/');
    expect(start.status).toBe(200);
    expect(start.text).toContain('<html lang="sv">');
    const text = visibleText(start.text);
    expect(text).toContain('Justera är kommunens tjänst för justering av protokoll');
    for (const door of ['href="/anslagstavla"', 'href="/verifiera"', 'href="/sekreterare"']) expect(start.text).toContain(door);
    for (const words of ['Anslagstavlan', 'Kontrollera en handling', 'För nämndsekreterare', 'Prova Justera', 'logga in som Karin Sekreterare', 'Johan Nilsson', 'Sara Grolander', 'utkorgen']) {
      expect(text).toContain(words);
    }
    expect(start.text).toContain('href="/sekreterare/utkorg"');
    expect(text).toContain('DEMO – demonstrationsläge');
    expect(text).toContain('demonstrationsnycklar');
  });

  it('answers /?lang=en in English with the same doors and demo hints', async () => {
    const start = await page('/?lang=en');
    expect(start.text).toContain('<html lang="en">');
    const text = visibleText(start.text);
    for (const words of ['The noticeboard', 'Check a document', 'For committee secretaries', 'Try Justera', 'log in as Karin Sekreterare', 'outbox', 'DEMO – demonstration mode']) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('Prova Justera');
  });

  it('finds a code typed in lower case, without the hyphen or with spaces; says "ännu inte justerat" until both have signed, then DEMO', async () => {
    const { id, code, links } = await createAndSend(service, 'Kod och demo');
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const typed = code.toLowerCase().replace('-', '');

    const pending = await page(`/verifiera/${typed}`);
    expect(pending.status).toBe(200);
    const pendingText = visibleText(pending.text);
    expect(pendingText).toContain('Ännu inte justerat');
    expect(pendingText).not.toContain('Det finns ingen handling');
    for (const words of ['Hägersten-Älvsjö stadsdelsnämnd', '§ 12', 'Kod och demo', code, 'Ingen har skrivit under ännu.']) expect(pendingText).toContain(words);

    const spaced = `${code.slice(0, 2)} ${code.slice(2, 4)} ${code.slice(5).toLowerCase()}`;
    const redirected = await page(`/verifiera?kod=${encodeURIComponent(` ${spaced} `)}`);
    expect({ status: redirected.status, location: redirected.location }).toEqual({ status: 303, location: `/verifiera/${code}` });
    const empty = await page('/verifiera?kod=+');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('id="kod-error"');
    expect(visibleText(empty.text)).toContain('Skriv kontrollkoden som står på handlingen');

    await signAs(service, 'sara', links['justerare-1']!);
    const half = visibleText((await page(`/verifiera/${code.toLowerCase()}?lang=en`)).text);
    expect(half).toContain('Not yet approved');
    expect(half).toContain('Signed so far');
    expect(half).toContain('Adjuster: Sara Grolander');
    expect(half).not.toContain('Johan Nilsson');

    await signAs(service, 'johan', links['ordforande']!);
    const done = visibleText((await page(`/verifiera/${typed}?lang=sv`)).text);
    expect(done).toContain('Äkta.');
    expect(done).toContain('DEMO: underskrifterna är gjorda med Justeras demonstrationsnycklar');
    expect(done).not.toContain('Ännu inte justerat');

    const final = await pdfOf(service, id, 'pdf/final');
    for (const field of ['ordforande', 'justerare-1']) expect(appearanceLines(final, field).at(-1)).toBe(DEMONSTRATION_APPEARANCE_LINE);
    const dir = mkdtempSync(join(tmpdir(), 'justera-demo-'));
    try {
      writeFileSync(join(dir, 'final.pdf'), final);
      const valid = runPdfsig(join(dir, 'final.pdf')).signatures.filter((s) => s.signed).map((s) => [s.fieldName, s.signatureValidation]);
      expect(valid).toEqual(expect.arrayContaining([['ordforande', 'Signature is Valid.'], ['justerare-1', 'Signature is Valid.']]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const verified = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: final });
    const report = (await verified.json()) as VerificationReport;
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.demonstration).toEqual({ keys: true, sv: expect.stringMatching(/^DEMO: /), en: expect.stringMatching(/^DEMO: the signatures were made with Justera’s demonstration keys/) });

    // What `justera verify` prints for the same file.
    const cli = await createVerifier(loadTrustAnchors({ keysDir: keysExample })).verify(final, { fileName: 'utdrag.pdf' });
    expect(renderTextOutcome({ file: 'utdrag.pdf', report: cli }, 'sv')).toContain('DEMO: underskrifterna är gjorda med Justeras demonstrationsnycklar');
  });
});

describe('with a deployment\'s own keys and the demo login (engines on a worker thread)', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', env: { ENGINE_WORKERS: '1' } });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('marks the signature\'s appearance DEMO and the pages with the login banner; the keys are not called demonstration keys', async () => {
    const { id, code, links } = await createAndSend(service, 'Egna nycklar');
    await signAs(service, 'sara', links['justerare-1']!);
    const pdf = await pdfOf(service, id, 'pdf');
    expect(appearanceLines(pdf, 'justerare-1')).toEqual(['Sara Grolander', 'Justerare', expect.stringMatching(/^Signerat \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), DEMONSTRATION_APPEARANCE_LINE]);
    const text = visibleText(await (await fetch(`${service.baseUrl}/verifiera/${code}`)).text());
    expect(text).toContain('DEMO – demonstrationsläge. Inloggningen sker med en testtjänst');
    expect(text).not.toContain('demonstrationsnycklar som vem som helst');
    const verified = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf });
    expect(((await verified.json()) as VerificationReport).demonstration).toBeUndefined();
  });
});

describe('with a deployment\'s own keys and no demo login', () => {
  let service: PublicTestService;
  beforeAll(async () => {
    service = await startPublicService({ verifyPerMinute: 0, readsPerMinute: 0 });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('has no DEMO banner, no demo hints and no demonstration field in the answer', async () => {
    const start = await (await fetch(`${service.baseUrl}/`)).text();
    expect(start).toContain('Kontrollera en handling');
    expect(start).not.toContain('DEMO');
    expect(start).not.toContain('Prova Justera');
    const verified = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: service.example.final });
    const report = (await verified.json()) as VerificationReport;
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.demonstration).toBeUndefined();
    const byCode = await (await fetch(`${service.baseUrl}/verifiera/${service.example.verificationCode.toLowerCase().replace('-', ' ')}`)).text();
    expect(byCode).toContain('Äkta');
    expect(byCode).not.toContain('DEMO');
  });
});
