/**
 * What the browser tests share: one real service on 127.0.0.1 (SQLite in a temp DATA_DIR, the demo login,
 * the real signing engines), one Chromium per test file, logging in through the demo provider's chooser,
 * and checkPage: a screenshot plus an axe-core WCAG 2.1 A/AA run, in Swedish and in English.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestService, type TestService } from '../integration/server/harness';
import { testExtract, type DemoId } from '../integration/server/test-extracts';

export const SHOTS = join('test-artifacts', 'browser');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface BrowserFixture {
  service: TestService;
  browser: Browser;
  close(): Promise<void>;
}

/** `env`: the service's environment on top of the harness's (KEYS_DIR of keys-example for the DEMO marking). */
export async function startBrowserFixture(options: { env?: Record<string, string> } = {}): Promise<BrowserFixture> {
  mkdirSync(SHOTS, { recursive: true });
  const service = await startTestService({ dialect: 'sqlite', ...(options.env ? { env: options.env } : {}) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    service,
    browser,
    close: async () => {
      await browser.close();
      await service.close();
    },
  };
}

/** One fixture for the test file: started before its tests, closed after them; the getter reads it in a test. */
export function useBrowserFixture(options: Parameters<typeof startBrowserFixture>[0] = {}): () => BrowserFixture {
  let fixture: BrowserFixture | undefined;
  beforeAll(async () => {
    fixture = await startBrowserFixture(options);
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
  });
  return () => {
    if (!fixture) throw new Error('the browser fixture did not start');
    return fixture;
  };
}

/** The extract JSON as a file the secretary can upload (demo persons as signers). */
export function extractFile(name: string, options: Parameters<typeof testExtract>[0] = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'justera-browser-'));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(testExtract(options), null, 2));
  return file;
}

/**
 * Presses `button` on the secretary's new-extract page and, if the page warns that an extract of the same
 * organ, meeting and § exists (the tests make several of the example), ticks "create anyway" and presses it
 * again; `refill` chooses the file again for the upload form (a browser does not keep it).
 */
export async function createDespiteDuplicate(page: Page, button: string, refill?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.locator('#duplicate-warning, button:has-text("Skicka för justering"), #error-summary').first().waitFor();
  if ((await page.locator('#duplicate-warning').count()) === 0) return;
  await refill?.();
  await page.locator(refill ? '#f-confirmDuplicate-upload' : '#f-confirmDuplicate').check();
  await page.getByRole('button', { name: button }).click();
}

/** Picks the demo person on the provider's chooser and logs in (with the mouse). */
export async function chooseDemoPerson(page: Page, personId: DemoId): Promise<void> {
  await page.locator(`input[name="person"][value="${personId}"]`).check();
  await page.getByRole('button', { name: /^(Logga in|Log in)$/ }).click();
}

/** Screenshot and axe on the page as it is now (for a page a POST answered, which a GET cannot show again). */
export async function axe(page: Page, name: string): Promise<void> {
  for (const summary of await page.locator('details:not([open]) > summary').all()) await summary.click();
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect({ name, violations: results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) }).toEqual({ name, violations: [] });
}

function withLang(url: string, lang: 'sv' | 'en'): string {
  const parsed = new URL(url);
  parsed.searchParams.set('lang', lang);
  return parsed.href;
}

/**
 * Screenshot and axe on the page as it is (Swedish), then the same URL in English, then back to Swedish
 * (the language is remembered in a cookie). Only for pages a GET shows again unchanged.
 */
export async function checkPage(page: Page, name: string, ready?: (page: Page) => Promise<void>): Promise<void> {
  await ready?.(page);
  await axe(page, `${name}-sv`);
  const url = page.url();
  await page.goto(withLang(url, 'en'));
  await ready?.(page);
  await axe(page, `${name}-en`);
  await page.goto(withLang(url, 'sv'));
  await ready?.(page);
}

/**
 * The public's way to an extract by its code: from the start page through the door "Kontrollera en
 * handling", the code typed in lower case without the hyphen, Enter; ends on the answer's page.
 * `onForm` runs on the form page before the code is typed (axe).
 */
export async function findByTypedCode(page: Page, baseUrl: string, code: string, onForm: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('main').getByRole('link', { name: 'Kontrollera en handling', exact: true }).click();
  await expectHeading(page, 'Kontrollera en handling');
  await onForm(page);
  const field = page.getByLabel('Kontrollkod');
  await field.fill(code.toLowerCase().replace('-', ''));
  await field.press('Enter');
  await page.waitForURL(`**/verifiera/${code}`);
  await expectHeading(page, `Verifiering av handling ${code}`);
}

/** Waits until pdf.js has drawn every page of the signing page's PDF. */
export async function pdfShown(page: Page): Promise<void> {
  await page.locator('#pdf-view[data-pages]').waitFor({ state: 'visible', timeout: 30_000 });
}

/** One mail as the outbox page (or an extract's page) shows it: recipient, subject and the links in its text. */
export interface ShownMail {
  to: string;
  subject: string;
  links: string[];
}

/** The mails listed at `listUrl` (the outbox, or one extract's page), newest first. */
export async function shownMails(page: Page, listUrl: string): Promise<ShownMail[]> {
  await page.goto(listUrl);
  const mails: ShownMail[] = [];
  for (const card of await page.locator('li.card').all()) {
    const to = (await card.locator('dd').first().textContent())?.trim() ?? '';
    const subject = (await card.locator('h2, h3').first().textContent())?.trim() ?? '';
    const links: string[] = [];
    for (const anchor of await card.locator('.mail-text a').all()) {
      const href = await anchor.getAttribute('href');
      if (href) links.push(href);
    }
    mails.push({ to, subject, links });
  }
  return mails;
}

/** The invitation links (not the result mails' links to a signed PDF or receipt) by recipient; the newest wins. */
export async function invitationLinks(page: Page, listUrl: string): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const mail of await shownMails(page, listUrl)) {
    const invitation = mail.links.find((link) => /\/invitation\/[^/]+$/.test(link));
    if (invitation && !links.has(mail.to)) links.set(mail.to, invitation);
  }
  return links;
}

/** Waits for the page's h1; on a time-out the error says what the page showed instead. */
export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  try {
    await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 20_000 });
  } catch (error) {
    const shown = await page.locator('body').innerText().catch(() => '(no page)');
    throw new Error(`expected the heading ${String(name)} at ${page.url()}, the page shows:\n${shown.slice(0, 1500)}`, { cause: error });
  }
}

/**
 * Opens the link, logs in as the person, reads (PDF drawn, text present, confirmation shown) and signs;
 * returns the receipt's text. `beforeSubmit` lets two signers press the button at the same moment.
 */
export async function signAs(page: Page, link: string, personId: DemoId, check: boolean, beforeSubmit?: () => Promise<void>): Promise<string> {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content[ -]Security[ -]Policy/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto(link);
  await chooseDemoPerson(page, personId);
  await expectHeading(page, 'Justera protokollsutdrag');
  await pdfShown(page);
  expect(await page.locator('#pdf-view canvas').count()).toBeGreaterThan(0);
  // pdf.js (module, worker, fonts) runs under the pages' CSP without being refused anything.
  expect(blocked).toEqual([]);
  const text = (await page.locator('.extract-text').textContent()) ?? '';
  expect(text).toContain('Stockholms stads Trygghetsprogram 2024-2027');
  expect(text).toContain('Lolita Lovén Johnsen');
  const confirm = (await page.locator('.confirm').textContent()) ?? '';
  expect(confirm).toContain('Hägersten-Älvsjö stadsdelsnämnd');
  expect(confirm).toContain('§ 12');
  expect(confirm).toMatch(/[0-9a-f]{64}/);
  if (check) await checkPage(page, `signera-${personId}`, pdfShown);
  await page.getByLabel(/Jag har läst utdraget/).check();
  await beforeSubmit?.();
  await page.getByRole('button', { name: 'Justera och signera' }).click();
  await expectHeading(page, 'Kvitto');
  if (check) await checkPage(page, `kvitto-${personId}`);
  return (await page.locator('main').textContent()) ?? '';
}

/** A barrier for `parties` callers: each call resolves once all of them have called. */
export function barrier(parties: number): () => Promise<void> {
  let waiting = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    waiting += 1;
    if (waiting === parties) release();
    return all;
  };
}
