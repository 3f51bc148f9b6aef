/**
 * The demo provider's chooser in a real browser (Debian's Chromium): axe-core finds no WCAG 2.1 A/AA
 * violation, and a person logs in with the keyboard alone. Screenshots go to test-artifacts/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { loadAuthConfig } from '../../src/config/auth-config';
import { startEphemeralServer, type EphemeralServer } from '../helpers/ephemeral-server';
import { createTestDatabase, type TestDatabase } from '../integration/storage/test-database';
import { buildAuthTestApp } from '../integration/auth/auth-test-app';

let server: EphemeralServer;
let dataDir: string;
let database: TestDatabase;
let browser: Browser;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'justera-auth-browser-'));
  database = await createTestDatabase('sqlite');
  server = await startEphemeralServer(async (baseUrl) => (await buildAuthTestApp(baseUrl, { config: loadAuthConfig({}), dataDir, db: database.db })).app);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

test.each([
  ['sv', 'Logga in (demo)', 'DEMO – inte riktig e-legitimation'],
  ['en', 'Log in (demo)', 'DEMO – not a real e-ID'],
])('the chooser (%s) has no WCAG 2.1 A/AA violation, on a desktop and on a phone-sized screen', async (lang, heading, banner) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/auth/login?returnTo=%2Fauth%2Fme&lang=${lang}`);
    await page.getByRole('heading', { name: heading }).waitFor();
    await page.screenshot({ path: join('test-artifacts', 'screenshots', `demo-chooser-${lang}-${viewport.width}.png`), fullPage: true });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(await page.getByRole('note').textContent()).toContain(banner);
    await context.close();
  }
});

test('a person logs in with the keyboard alone', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/auth/login?returnTo=%2Fpages%2Fmine`);
  await page.getByRole('heading', { name: 'Logga in (demo)' }).waitFor();
  const focused = async () => {
    const element = page.locator(':focus');
    return (await element.getAttribute('id')) ?? (await element.textContent())?.trim();
  };
  // Tab to the radio group (nobody is preselected: focus on the first), arrow down twice to the third person.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('person-karin');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await page.getByRole('radio', { name: /Sara Grolander/ }).isChecked()).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Logga in');
  await Promise.all([page.waitForURL(`${server.baseUrl}/pages/mine`), page.keyboard.press('Enter')]);
  expect(await page.locator('body').textContent()).toContain('Hej Sara Grolander');
  await context.close();
});
