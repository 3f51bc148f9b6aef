/**
 * Issue 11, item 1: a justering completed through the service by three demo signers leaves no form of any
 * signer's personnummer in anything public: the anslag pages, the anslag JSON, the Atom feed, the published
 * PDFs' bytes (also inside /Contents hex strings and inflated streams), the public verify answers. The
 * secretary's evidence package still says who signed: each certificate's pseudonym resolves to the person.
 * With SIGNER_CERTIFICATE_ID=personnummer the certificates carry it, so the signed PDF is not served at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { main } from '../../../src/cli/main';
import { signerPseudonym } from '../../../src/domain/signer-pseudonym';
import { resolvePseudonymSecret } from '../../../src/config/pseudonym-secret';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { api, startTestService, type TestService } from '../server/harness';
import { demoPerson, testExtract, tokenOf, type DemoId } from '../server/test-extracts';
import { dialects } from '../storage/test-database';

const SIGNERS: { person: DemoId; field: string }[] = [
  { person: 'johan', field: 'ordforande' },
  { person: 'sara', field: 'justerare-1' },
  { person: 'asa', field: 'justerare-2' },
];

/** Every way the 12 digits YYYYMMDDNNNN can be written: 12 or 10 digits, with "-", "+" or nothing. */
function writtenForms(digits: string): string[] {
  const [long, short, last] = [digits.slice(0, 8), digits.slice(2, 8), digits.slice(8)];
  return [`${long}${last}`, `${long}-${last}`, `${short}${last}`, `${short}-${last}`, `${short}+${last}`];
}

/** The forms as text and as hex of their ASCII (lower and upper case, as a PDF hex string may hold them). */
function needles(digits: string): string[] {
  return writtenForms(digits).flatMap((form) => {
    const hex = Buffer.from(form, 'ascii').toString('hex');
    return [form, hex, hex.toUpperCase()];
  });
}

/**
 * The bytes of a PDF as a reader could see them: the raw file, every hex string decoded (the CMS in
 * /Contents, DER certificates and all), and every stream that inflates (Flate: the DSS certificates).
 */
function pdfViews(pdf: Buffer): Buffer[] {
  const views = [pdf];
  const text = pdf.toString('latin1');
  for (const match of text.matchAll(/<([0-9A-Fa-f\s]{16,})>/g)) views.push(Buffer.from(match[1].replace(/\s+/g, ''), 'hex'));
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      views.push(inflateSync(pdf.subarray(start, end)));
    } catch {
      // not a Flate stream (or not one that starts here): its raw bytes are in the file view already
    }
  }
  return views;
}

function leaks(views: Buffer[], digits: string): string[] {
  return needles(digits).filter((needle) => views.some((view) => view.includes(Buffer.from(needle, 'latin1'))));
}

async function text(url: string, init?: RequestInit): Promise<string> {
  const response = await fetch(url, init);
  return response.text();
}

async function bytes(url: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

/** Creates, sends and lets the three demo persons sign through the service; returns the extract and its anslag. */
async function completeJustering(service: TestService): Promise<{ extractId: string; anslag: { id: string; verificationCode: string; links: Record<string, string | null> } }> {
  const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara', 'asa'], title: 'Parkering vid Västertorps torg' }));
  expect(created.status).toBe(201);
  const extractId = created.json.id as string;
  const sent = await api(service, 'POST', `/api/v1/extracts/${extractId}/send`);
  const links = Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)]));
  for (const { person, field } of SIGNERS) {
    const jar = new CookieJar();
    await demoLogin(service.baseUrl, jar, person, `/invitation/${links[field]}`);
    const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${links[field]}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
    expect(signed.response.status).toBe(200);
  }
  expect((await api(service, 'GET', `/api/v1/extracts/${extractId}`)).json.state).toBe('anslag_published');
  const list = JSON.parse(await text(`${service.baseUrl}/api/v1/anslag`)) as { items: { id: string; verificationCode: string; links: Record<string, string | null> }[] };
  expect(list.items).toHaveLength(1);
  return { extractId, anslag: list.items[0] };
}

/** Every public answer about the anslag as text: pages, JSON, Atom, verification by code. */
async function publicTexts(service: TestService, anslag: { id: string; verificationCode: string }): Promise<string[]> {
  const base = service.baseUrl;
  return Promise.all([
    text(`${base}/anslagstavla`),
    text(`${base}/anslagstavla?lang=en`),
    text(`${base}/anslag/${anslag.id}`),
    text(`${base}/anslagstavla/arkiv?q=parkering`),
    text(`${base}/anslagstavla.atom`),
    text(`${base}/api/v1/anslag`),
    text(`${base}/api/v1/anslag/${anslag.id}`),
    text(`${base}/verifiera/${anslag.verificationCode}`),
  ]);
}

async function publicVerifyAnswers(service: TestService, pdf: Buffer): Promise<string[]> {
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'utdrag.pdf');
  return Promise.all([
    text(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf }),
    text(`${service.baseUrl}/verifiera`, { method: 'POST', body: form }),
  ]);
}

function unzip(zip: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'justera-evidence-'));
  writeFileSync(join(dir, 'evidence.zip'), zip);
  execFileSync('unzip', ['-q', join(dir, 'evidence.zip'), '-d', join(dir, 'out')]);
  return join(dir, 'out');
}

describe.each(dialects)('no personnummer on the public side, on %s', (dialect) => {
  let service: TestService;
  let completed: Awaited<ReturnType<typeof completeJustering>>;

  beforeAll(async () => {
    // One engine worker: the signatures go through the worker pool, as in the running service.
    service = await startTestService({ dialect, env: { ENGINE_WORKERS: '1' } });
    completed = await completeJustering(service);
  }, 120_000);

  afterAll(async () => {
    await service?.close();
  });

  it('the signed PDF carries each signer\u2019s pseudonym and no form of any personnummer, in the file, its hex strings or its streams', async () => {
    const { anslag } = completed;
    expect(anslag.links.signedPdf).toMatch(/\/anslag\/[^/]+\.pdf$/);
    const signed = await bytes(`${service.baseUrl}/anslag/${anslag.id}.pdf`);
    const notice = await bytes(`${service.baseUrl}/anslag/${anslag.id}/anslag.pdf`);
    expect([signed.status, notice.status]).toEqual([200, 200]);
    const secret = resolvePseudonymSecret(undefined, service.keysDir);
    const views = [...pdfViews(signed.body), ...pdfViews(notice.body)];
    // The views do reach into the certificates: each signer's pseudonym is found there (so the test can fail).
    for (const { person } of SIGNERS) {
      const pseudonym = signerPseudonym(demoPerson(person).personnummer, secret, new Date());
      expect(views.some((view) => view.includes(Buffer.from(pseudonym)))).toBe(true);
      expect(leaks(views, demoPerson(person).personnummer)).toEqual([]);
    }
  });

  it('no page, JSON, feed or verification answer holds a personnummer; the report names the pseudonym as such', async () => {
    const { anslag } = completed;
    const signed = (await bytes(`${service.baseUrl}/anslag/${anslag.id}.pdf`)).body;
    const answers = [...(await publicTexts(service, anslag)), ...(await publicVerifyAnswers(service, signed))];
    for (const { person } of SIGNERS) {
      const views = answers.map((answer) => Buffer.from(answer, 'utf8'));
      expect(leaks(views, demoPerson(person).personnummer)).toEqual([]);
    }
    const report = JSON.parse(answers[answers.length - 2]!) as { signatures: { field: string; signerNames?: { pseudonym?: string; serialNumber?: string } }[] };
    for (const { field } of SIGNERS) {
      const names = report.signatures.find((s) => s.field === field)?.signerNames;
      expect(names?.pseudonym).toMatch(/^PSEUDO:[A-Z2-7]{32}$/);
      expect(names?.serialNumber).toBeUndefined();
    }
  });

  it('`justera verify` names each pseudonym as a pseudonym, in Swedish and English', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'justera-verify-')), 'utdrag.pdf');
    writeFileSync(path, (await bytes(`${service.baseUrl}/anslag/${completed.anslag.id}.pdf`)).body);
    let stdout = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    try {
      await main(['node', 'justera', 'verify', path, '--keys', service.keysDir]);
      await main(['node', 'justera', 'verify', path, '--keys', service.keysDir, '--english']);
    } finally {
      spy.mockRestore();
    }
    expect(stdout.match(/Pseudonym \(inget personnummer\): PSEUDO:[A-Z2-7]{32}/g)).toHaveLength(3);
    expect(stdout.match(/Pseudonym \(not a personal identity number\): PSEUDO:[A-Z2-7]{32}/g)).toHaveLength(3);
  });

  it('the secretary\u2019s evidence package and audit trail resolve each pseudonym to the person who signed', async () => {
    const { extractId } = completed;
    const response = await fetch(`${service.baseUrl}/api/v1/extracts/${extractId}/evidence.zip`, { headers: { authorization: `Bearer ${service.apiKey}` } });
    expect(response.status).toBe(200);
    const out = unzip(Buffer.from(await response.arrayBuffer()));
    const bindings = (JSON.parse(readFileSync(join(out, 'signers.json'), 'utf8')) as { signers: { field: string; name: string; personnummer: string; pseudonym: string; pseudonymResolves: boolean }[] }).signers;
    const secret = resolvePseudonymSecret(undefined, service.keysDir);
    const trail = (await api(service, 'GET', `/api/v1/extracts/${extractId}/audit`)).json.events as { type: string; details: { field?: string; pseudonym?: string } }[];
    for (const { person, field } of SIGNERS) {
      const { name, personnummer } = demoPerson(person);
      const binding = bindings.find((b) => b.field === field);
      expect(binding).toMatchObject({ name, personnummer, pseudonym: signerPseudonym(personnummer, secret, new Date()), pseudonymResolves: true });
      expect(trail.find((event) => event.type === 'signed' && event.details.field === field)?.details.pseudonym).toBe(binding!.pseudonym);
    }
    // The trail itself binds the pseudonym to the name and login, never to the number.
    expect(leaks([Buffer.from(JSON.stringify(trail))], demoPerson('johan').personnummer)).toEqual([]);
  });
});

describe('SIGNER_CERTIFICATE_ID=personnummer (the Sweden Connect certificate profile)', () => {
  let service: TestService;
  let completed: Awaited<ReturnType<typeof completeJustering>>;

  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', env: { ENGINE_WORKERS: '0', SIGNER_CERTIFICATE_ID: 'personnummer' } });
    completed = await completeJustering(service);
  }, 120_000);

  afterAll(async () => {
    await service?.close();
  });

  it('the certificates carry the personnummer, so the public side never serves the signed PDF, and says so', async () => {
    const { extractId, anslag } = completed;
    const finalPdf = Buffer.from(await (await fetch(`${service.baseUrl}/api/v1/extracts/${extractId}/pdf/final`, { headers: { authorization: `Bearer ${service.apiKey}` } })).arrayBuffer());
    expect(leaks(pdfViews(finalPdf), demoPerson('johan').personnummer)).toContain(demoPerson('johan').personnummer);

    expect((await bytes(`${service.baseUrl}/anslag/${anslag.id}.pdf`)).status).toBe(404);
    expect(anslag.links.signedPdf).toBeNull();
    const page = await text(`${service.baseUrl}/anslag/${anslag.id}`);
    expect(page).not.toContain(`/anslag/${anslag.id}.pdf`);
    expect(page).toContain('Den signerade PDF-filen visas inte här');
    expect(page).toContain(`/anslag/${anslag.id}/anslag.pdf`);
    expect(page).toContain(`/verifiera/${anslag.verificationCode}`);
    const feed = await text(`${service.baseUrl}/anslagstavla.atom`);
    expect(feed).toContain(`/anslag/${anslag.id}/anslag.pdf`);
    expect(feed).not.toContain(`/anslag/${anslag.id}.pdf`);

    const notice = (await bytes(`${service.baseUrl}/anslag/${anslag.id}/anslag.pdf`)).body;
    const answers = (await publicTexts(service, anslag)).map((answer) => Buffer.from(answer, 'utf8'));
    for (const { person } of SIGNERS) expect(leaks([...answers, ...pdfViews(notice)], demoPerson(person).personnummer)).toEqual([]);
  });
});
