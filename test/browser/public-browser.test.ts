/**
 * The public side in a real browser (Debian's Chromium): a member of the public opens the anslagstavla and
 * the anslag, follows the verification link, uploads the signed PDF, a tampered copy and a file that is no
 * PDF; axe-core finds no WCAG 2.1 A/AA violation on any public page in Swedish and English, on a desktop and
 * on a phone-sized screen; no page shows a personnummer. Screenshots go to test-artifacts/public/.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHAIR_PERSONNUMMER_VARIANTS, startPublicService, tamperedCopy, type PublicTestService } from '../integration/public/public-fixture';

const SHOTS = join('test-artifacts', 'public');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let service: PublicTestService;
let browser: Browser;
let files: { signed: string; tampered: string; text: string };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  service = await startPublicService({ verifyPerMinute: 0, readsPerMinute: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'public-browser-'));
  files = { signed: join(dir, 'protokollsutdrag.pdf'), tampered: join(dir, 'andrad-kopia.pdf'), text: join(dir, 'brev.txt') };
  writeFileSync(files.signed, service.example.final);
  writeFileSync(files.tampered, tamperedCopy(service.example.final));
  writeFileSync(files.text, 'Det här är ett brev, ingen PDF.');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** Opens every <details> (so axe sees the technical report too), screenshots, runs axe, looks for personnummer. */
async function checkPage(page: Page, name: string): Promise<void> {
  for (const summary of await page.locator('details:not([open]) > summary').all()) await summary.click();
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect({ name, violations: results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) }).toEqual({ name, violations: [] });
  const text = await page.content();
  for (const variant of CHAIR_PERSONNUMMER_VARIANTS) expect(text).not.toContain(variant);
}

test('the public reads the anslag, follows the verification link and checks documents', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${service.baseUrl}/anslagstavla`);
  await page.getByRole('heading', { level: 1, name: 'Anslagstavla' }).waitFor();
  await page.getByRole('link', { name: /Hägersten-Älvsjö stadsdelsnämnd, § 12/ }).click();
  await page.getByRole('heading', { level: 1, name: /Anslag: Hägersten-Älvsjö stadsdelsnämnd, § 12/ }).waitFor();
  const verdict = page.locator('.verdict');
  await expect(verdict.textContent()).resolves.toContain('Äkta. Justerat av ordförande Johan Nilsson 2023-10-05 10:00 och justerare Sara Grolander 2023-10-05 10:00.');
  expect(await page.locator('dl.facts').first().textContent()).toMatch(/Sista dag att överklaga\s*2023-10-26/);

  await page.getByRole('link', { name: 'Kontrollera handlingens äkthet' }).click();
  await page.getByRole('heading', { level: 1, name: /Verifiering av handling/ }).waitFor();
  expect(await page.locator('.verdict').textContent()).toContain('Äkta');
  expect(await page.locator('.verdict').textContent()).toContain('Sara Grolander');

  await page.getByRole('link', { name: 'Kontrollera en handling' }).click();
  await page.getByLabel(/PDF-fil/).setInputFiles(files.signed);
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await page.getByRole('heading', { level: 1, name: 'Resultat av kontrollen' }).waitFor();
  const answer = (await page.locator('.verdict').textContent()) ?? '';
  expect(answer).toContain('Äkta');
  expect(answer).toContain('Ordförande: Johan Nilsson');
  expect(answer).toContain('Justerare: Sara Grolander');
  await page.getByText('Visa den tekniska rapporten').click();
  await expect(page.locator('details pre').textContent()).resolves.toContain('TOTAL_PASSED');

  await page.getByRole('link', { name: 'Kontrollera en annan handling' }).click();
  await page.getByLabel(/PDF-fil/).setInputFiles(files.tampered);
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await page.getByRole('heading', { level: 1, name: 'Resultat av kontrollen' }).waitFor();
  const wrong = (await page.locator('.verdict').textContent()) ?? '';
  expect(wrong).toMatch(/Inte äkta|Kunde inte bekräftas/);
  expect(wrong).toContain('Det här är fel');

  await page.goto(`${service.baseUrl}/verifiera`);
  await page.getByLabel(/PDF-fil/).setInputFiles(files.text);
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Filen är inte en PDF');
  await context.close();
});

const SCREENS = [
  ['sv', 1280, 900],
  ['sv', 360, 740],
  ['en', 1280, 900],
  ['en', 360, 740],
] as const;

test.each(SCREENS)('every public page (%s, %i px wide) passes axe', async (lang, width, height) => {
  const viewport = { width, height };
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const suffix = `${lang}-${viewport.width}`;
  await page.goto(`${service.baseUrl}/anslagstavla?lang=${lang}`);
  await checkPage(page, `anslagstavla-${suffix}`);
  await page.goto(`${service.baseUrl}/anslagstavla/arkiv`);
  await checkPage(page, `arkiv-${suffix}`);
  await page.goto(`${service.baseUrl}/anslagstavla/arkiv?q=trygghetsprogram`);
  await checkPage(page, `arkiv-sok-${suffix}`);
  await page.goto(`${service.baseUrl}/anslag/${service.anslagId}`);
  await checkPage(page, `anslag-${suffix}`);
  await page.goto(`${service.baseUrl}/verifiera/${service.example.verificationCode}`);
  await checkPage(page, `verifiera-kod-${suffix}`);
  await page.goto(`${service.baseUrl}/verifiera/ZZZZ-ZZZZ`);
  await checkPage(page, `verifiera-okand-kod-${suffix}`);
  await page.goto(`${service.baseUrl}/tillganglighet`);
  await checkPage(page, `tillganglighet-${suffix}`);
  await page.goto(`${service.baseUrl}/anslag/finns-inte`);
  await checkPage(page, `404-${suffix}`);
  await page.goto(`${service.baseUrl}/`);
  await checkPage(page, `start-${suffix}`);
  await page.goto(`${service.baseUrl}/verifiera`);
  await checkPage(page, `verifiera-${suffix}`);
  await page.locator('#file').setInputFiles(files.signed);
  await page.locator('form.upload button[type=submit]').click();
  await page.locator('.verdict').waitFor();
  await checkPage(page, `verifiera-resultat-${suffix}`);
  await page.goto(`${service.baseUrl}/verifiera`);
  await page.locator('#file').setInputFiles(files.tampered);
  await page.locator('form.upload button[type=submit]').click();
  await page.locator('.verdict').waitFor();
  await checkPage(page, `verifiera-andrad-${suffix}`);
  await page.goto(`${service.baseUrl}/verifiera`);
  await page.locator('#file').setInputFiles(files.text);
  await page.locator('form.upload button[type=submit]').click();
  await page.getByRole('alert').waitFor();
  await checkPage(page, `verifiera-fel-${suffix}`);
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  await context.close();
}, 300_000);
