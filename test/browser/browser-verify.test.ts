/**
 * "Kontrollera i webbläsaren" on /verifiera in Debian's Chromium (issue 14, item 1): with every request but
 * GET refused by the test, the page verifies the signed example ("Äkta"), a tampered copy ("Inte äkta") and
 * attack files of the verifier's tests in the page, with the indication and summary the server's own
 * verification (POST /api/v1/verify) gives for the same bytes; the section and its results pass axe in
 * Swedish and English; a signature on a curve WebCrypto lacks is "cannot be checked" in the page, with
 * the server check offered, and a SHA-224 digest (which WebCrypto lacks) is named in the page, with the
 * server check one button away. Needs `npm run build` (the bundle dist/public/verifiera.js). Screenshots go to
 * test-artifacts/public/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { VerificationReport } from '../../src/verification/model';
import { generateKeyPairSync } from 'node:crypto';
import { issueCertificate, randomSerial, spkiOf } from '../../src/ca/issue-certificate';
import { OID } from '../../src/asn1/oids';
import { pemEncode } from '../../src/pki/pem';
import { extractSignatures } from '../helpers/openssl';
import { basicConstraintsExtension, encodeName, keyUsageExtension } from '../../src/ca/x509-encoding';
import { addAnnotation, changePageText, cmsSigner, replaceSameLength, signatureDictionaryOffset, signWith } from '../integration/verification/helpers/attacks';
import { startPublicService, tamperedCopy, type PublicTestService } from '../integration/public/public-fixture';

const SHOTS = join('test-artifacts', 'public');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The public fixture's clock: the browser's is pinned to it, so both judge the same moment. */
const NOW = '2023-10-05T12:00:00Z';

let service: PublicTestService;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  service = await startPublicService({ verifyPerMinute: 0, readsPerMinute: 0 });
  dir = mkdtempSync(join(tmpdir(), 'browser-verify-'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

interface Refusals {
  refused: string[];
}

/** A page whose every request but GET is aborted (and recorded), with the browser's clock at NOW. */
async function offlinePage(lang: 'sv' | 'en'): Promise<{ context: BrowserContext; page: Page; refusals: Refusals }> {
  const context = await browser.newContext();
  const refusals: Refusals = { refused: [] };
  await context.route('**/*', async (route) => {
    if (route.request().method() === 'GET') return route.continue();
    refusals.refused.push(`${route.request().method()} ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(NOW));
  await page.goto(`${service.baseUrl}/verifiera?lang=${lang}`);
  await page.locator('#browser-check').waitFor({ state: 'visible' });
  return { context, page, refusals };
}

/** Verifies `bytes` in the page; the report the page computed, read from its technical report's JSON. */
async function verifyInPage(page: Page, name: string, bytes: Uint8Array): Promise<VerificationReport> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  await page.locator('#browser-file').setInputFiles(file);
  const result = page.locator('#browser-result');
  // Done when the region is no longer busy and speaks of this file (or of a failure).
  await page.locator('#browser-result:not([aria-busy])').filter({ hasText: name }).or(page.locator('#browser-result:not([aria-busy]) .error-message')).first().waitFor({ state: 'attached', timeout: 60_000 });
  const json = await result.locator('details pre').textContent();
  if (json === null) throw new Error(`${name}: the page gave no report: ${await result.textContent()}`);
  return JSON.parse(json) as VerificationReport;
}

async function serverReport(bytes: Uint8Array): Promise<VerificationReport> {
  const response = await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(bytes) });
  expect(response.status).toBe(200);
  return (await response.json()) as VerificationReport;
}

function verdict(report: VerificationReport): unknown {
  return { indication: report.indication, summary: report.summary, signatures: report.signatures.map((s) => [s.field, s.indication, s.subIndication ?? null]) };
}

async function checkAxe(page: Page, name: string): Promise<void> {
  for (const summary of await page.locator('details:not([open]) > summary').all()) await summary.click();
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect({ name, violations: results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) }).toEqual({ name, violations: [] });
}

test('the signed example is "Äkta" and a tampered copy "Inte äkta" in the page, as on the server, with nothing sent', async () => {
  const { context, page, refusals } = await offlinePage('sv');
  const signed = service.example.final;
  const inPage = await verifyInPage(page, 'protokollsutdrag.pdf', signed);
  expect(inPage.indication).toBe('TOTAL_PASSED');
  const answer = (await page.locator('#browser-result .verdict').textContent()) ?? '';
  expect(answer).toContain('Äkta');
  expect(answer).toContain('Justerare: Sara Grolander');
  expect(await page.locator('#browser-result').textContent()).toContain('Filen har inte skickats någonstans');
  expect(verdict(inPage)).toEqual(verdict(await serverReport(signed)));
  await expect(page.locator('#browser-server').isHidden()).resolves.toBe(true);

  const tampered = tamperedCopy(signed);
  const wrong = await verifyInPage(page, 'andrad-kopia.pdf', tampered);
  expect(await page.locator('#browser-result .verdict').textContent()).toContain('Inte äkta');
  expect(verdict(wrong)).toEqual(verdict(await serverReport(tampered)));
  expect(refusals.refused).toEqual([]);
  await context.close();
}, 120_000);

test('attack files get the server\'s verdict in the page', async () => {
  const final = service.example.final;
  const attacks: Array<[string, Uint8Array]> = [
    ['changed-page-text', changePageText(final, '0 0 0 rg', '1 0 0 rg')],
    ['evil-annotation', addAnnotation(final)],
    ['appended-without-xref', Buffer.concat([final, Buffer.from('\n4 0 obj\n<< /Type /Page /Contents 99 0 R >>\nendobj\n', 'latin1')])],
    ['unreadable-signature-dictionary', replaceSameLength(final, '/Type /Sig', '/Type (Sig', signatureDictionaryOffset(final, 'justerare-1'))],
  ];
  const { context, page, refusals } = await offlinePage('sv');
  for (const [name, bytes] of attacks) {
    const inPage = await verifyInPage(page, `${name}.pdf`, bytes);
    expect({ name, ...(verdict(inPage) as object) }).toEqual({ name, ...(verdict(await serverReport(bytes)) as object) });
    expect({ name, indication: inPage.indication }).not.toEqual({ name, indication: 'TOTAL_PASSED' });
  }
  expect(refusals.refused).toEqual([]);
  await context.close();
}, 180_000);

test.each(['sv', 'en'] as const)('the in-browser check passes axe and speaks the page\'s language (%s)', async (lang) => {
  const { context, page } = await offlinePage(lang);
  await expect(page.locator('#browser-heading').textContent()).resolves.toBe(lang === 'sv' ? 'Kontrollera i webbläsaren' : 'Check in your browser');
  await checkAxe(page, `webblasare-${lang}`);
  const report = await verifyInPage(page, 'protokollsutdrag.pdf', service.example.final);
  expect(await page.locator('#browser-result .verdict').textContent()).toContain(lang === 'sv' ? 'Äkta' : 'Authentic');
  expect(await page.locator('#browser-result').textContent()).toContain(report.summary[lang]);
  await checkAxe(page, `webblasare-resultat-${lang}`);
  // Keyboard: the file chooser is reached by Tab (its button opens the system dialog).
  await page.locator('#kod').focus();
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'browser-file');
  }
  expect(reached).toBe(true);
  await context.close();
}, 120_000);

test('where the browser cannot compute what the file needs, the page says so and the server check is one keypress away', async () => {
  const context = await browser.newContext();
  // A browser without the digest: the in-page check fails, and only then is the server's offered.
  await context.addInitScript(() => {
    const subtle = (globalThis as unknown as { crypto: { subtle: { digest: unknown } } }).crypto.subtle;
    subtle.digest = () => Promise.reject(new DOMException('SHA-256 is not available', 'NotSupportedError'));
  });
  const page = await context.newPage();
  await page.goto(`${service.baseUrl}/verifiera`);
  const file = join(dir, 'protokollsutdrag.pdf');
  writeFileSync(file, service.example.final);
  await page.locator('#browser-file').setInputFiles(file);
  const server = page.getByRole('button', { name: 'Skicka filen och kontrollera på servern' });
  await server.waitFor();
  await expect(page.locator('#browser-result').textContent()).resolves.toContain('Filen kunde inte kontrolleras i webbläsaren');
  await server.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Resultat av kontrollen' }).waitFor();
  await expect(page.locator('.verdict').textContent()).resolves.toContain('Äkta');
  await context.close();
}, 120_000);

test('a signature on a curve the browser lacks (brainpool) is "cannot be checked" in the page, with the server check offered', async () => {
  const keys = service.example.keys;
  const key = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
  const certificate = issueCertificate({
    serialNumber: randomSerial(), issuerName: keys.signingCa.parsed.subjectDer, issuerKey: keys.signingCa.privateKey,
    subjectName: encodeName([{ oid: OID.commonName, value: 'Brainpool Signer' }]), subjectPublicKeyInfo: spkiOf(key.publicKey),
    notBefore: new Date('2023-10-01T00:00:00Z'), notAfter: new Date('2024-01-01T00:00:00Z'),
    extensions: [basicConstraintsExtension(false), keyUsageExtension(['digitalSignature', 'nonRepudiation'])],
  });
  const signed = await signWith(service.example.final, { field: 'brainpool', sign: cmsSigner({ certificate, privateKey: key.privateKey, chain: [keys.signingCa.certificate, keys.root.certificate] }) });
  const onServer = (await serverReport(signed)).signatures.find((s) => s.field === 'brainpool')!;
  expect(onServer.integrity).toMatchObject({ cryptoValid: true });

  const { context, page, refusals } = await offlinePage('sv');
  const inPage = (await verifyInPage(page, 'brainpool.pdf', signed)).signatures.find((s) => s.field === 'brainpool')!;
  expect(inPage).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
  expect(inPage.problems.map((problem) => problem.code)).toContain('ALGORITHM_UNSUPPORTED');
  await expect(page.locator('#browser-result').textContent()).resolves.toContain('Din webbläsare saknar algoritmen ECDSA brainpoolP256r1, som behövs');
  await page.getByRole('button', { name: 'Skicka filen och kontrollera på servern' }).waitFor();
  expect(refusals.refused).toEqual([]);
  await context.close();
}, 120_000);

/** A signer's certificate from the fixture's signing CA for `key`, valid around NOW. */
function signerCertificate(commonName: string, key: ReturnType<typeof generateKeyPairSync>): Uint8Array {
  const keys = service.example.keys;
  return issueCertificate({
    serialNumber: randomSerial(), issuerName: keys.signingCa.parsed.subjectDer, issuerKey: keys.signingCa.privateKey,
    subjectName: encodeName([{ oid: OID.commonName, value: commonName }]), subjectPublicKeyInfo: spkiOf(key.publicKey),
    notBefore: new Date('2023-10-01T00:00:00Z'), notAfter: new Date('2024-01-01T00:00:00Z'),
    extensions: [basicConstraintsExtension(false), keyUsageExtension(['digitalSignature', 'nonRepudiation'])],
  });
}

/**
 * The example with a signature whose CMS OpenSSL made with SHA-224 (`openssl cms -sign -md sha224`) over the
 * signed bytes: signWith lays the update out once with an empty /Contents, the bytes outside it are
 * read back, and the same layout is written again with OpenSSL's CMS in it.
 */
function sha224Signed(): Promise<Uint8Array> {
  const keys = service.example.keys;
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const work = mkdtempSync(join(tmpdir(), 'sha224-'));
  writeFileSync(join(work, 'signer.pem'), pemEncode('CERTIFICATE', signerCertificate('SHA-224 Signer', key)));
  writeFileSync(join(work, 'key.pem'), key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(work, 'chain.pem'), [keys.signingCa.certificate, keys.root.certificate].map((der) => pemEncode('CERTIFICATE', der)).join(''));
  const layout = { field: 'sha224', estimatedSize: 8000 };
  const signedBytesOf = (pdf: Uint8Array): Buffer => extractSignatures(Buffer.from(pdf)).at(-1)!.signedBytes;
  return signWith(service.example.final, { ...layout, sign: async () => new Uint8Array(0) }).then((unsigned) => {
    const signedBytes = signedBytesOf(unsigned);
    writeFileSync(join(work, 'signed-bytes'), signedBytes);
    const openssl = spawnSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha224', '-nosmimecap', '-in', join(work, 'signed-bytes'), '-signer', join(work, 'signer.pem'),
      '-inkey', join(work, 'key.pem'), '-certfile', join(work, 'chain.pem'), '-outform', 'DER', '-out', join(work, 'cms.der')], { encoding: 'utf8' });
    if (openssl.status !== 0) throw new Error(`openssl cms -sign: ${openssl.stderr}`);
    const cms = readFileSync(join(work, 'cms.der'));
    return signWith(service.example.final, { ...layout, sign: async () => cms }).then((signed) => {
      // The same layout twice: OpenSSL signed exactly the bytes the final file's /ByteRange covers.
      expect(signedBytesOf(signed).equals(signedBytes)).toBe(true);
      return signed;
    });
  });
}

test.each(['sv', 'en'] as const)('a SHA-224 digest (not in WebCrypto) is named in the page, with the server check offered (%s)', async (lang) => {
  const signed = await sha224Signed();
  const onServer = (await serverReport(signed)).signatures.find((s) => s.field === 'sha224')!;
  expect(onServer.integrity).toMatchObject({ intact: true, cryptoValid: true });

  const { context, page, refusals } = await offlinePage(lang);
  writeFileSync(join(dir, 'sha224.pdf'), signed);
  await page.locator('#browser-file').setInputFiles(join(dir, 'sha224.pdf'));
  const server = page.getByRole('button', { name: lang === 'sv' ? 'Skicka filen och kontrollera på servern' : 'Send the file and check it on the server' });
  await server.waitFor();
  await expect(page.locator('#browser-result').textContent()).resolves.toContain(lang === 'sv'
    ? 'Din webbläsare saknar algoritmen SHA-224, som behövs för att kontrollera den här filen.'
    : 'Your browser lacks the algorithm SHA-224, needed to check this file.');
  expect(refusals.refused).toEqual([]);
  await context.unroute('**/*');
  await server.click();
  await page.getByRole('heading', { level: 1, name: lang === 'sv' ? 'Resultat av kontrollen' : 'Result of the check' }).waitFor();
  await context.close();
}, 120_000);
