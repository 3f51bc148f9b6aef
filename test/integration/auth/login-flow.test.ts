import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig } from '../../../src/config/auth-config';
import { DEMO_ACR, DEMO_PERSONS } from '../../../src/server/auth';
import { CookieJar, chooserFormAction, demoLogin, postLogout, sessionCsrfToken } from '../../helpers/demo-login';
import { startEphemeralServer, type EphemeralServer } from '../../helpers/ephemeral-server';
import { createTestDatabase, type TestDatabase } from '../storage/test-database';
import { buildAuthTestApp } from './auth-test-app';

let server: EphemeralServer;
let dataDir: string;
let database: TestDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'justera-auth-'));
  database = await createTestDatabase('sqlite');
  server = await startEphemeralServer(async (baseUrl) => {
    const { app } = await buildAuthTestApp(baseUrl, { config: loadAuthConfig({}), dataDir, db: database.db });
    return app;
  });
});

afterAll(async () => {
  await server.close();
  await database.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const sara = DEMO_PERSONS.find((p) => p.id === 'sara')!;

describe('login through the built-in demo provider', () => {
  test('the callback yields a session with the chosen person, personnummer and acr', async () => {
    const jar = new CookieJar();
    const done = await demoLogin(server.baseUrl, jar, 'sara');
    expect(done.response.status).toBe(200);
    const { person } = (await done.response.json()) as { person: Record<string, unknown> };
    expect(person).toEqual({
      subject: 'demo-sara',
      name: 'Sara Grolander',
      givenName: 'Sara',
      surname: 'Grolander',
      personnummer: sara.personnummer,
      email: sara.email,
      acr: DEMO_ACR,
      roles: [],
    });
    // The redirects went through the provider's authorization endpoint and our callback.
    expect(done.redirects.some((url) => url.startsWith(`${server.baseUrl}/auth/callback?code=`))).toBe(true);

    const api = await jar.fetch(`${server.baseUrl}/api/v1/whoami`);
    expect(api.response.status).toBe(200);
    expect(((await api.response.json()) as { person: { name: string } }).person.name).toBe('Sara Grolander');
  });

  test('a second login in the same browser as another person gives that person', async () => {
    const jar = new CookieJar();
    await demoLogin(server.baseUrl, jar, 'sara');
    const second = await demoLogin(server.baseUrl, jar, 'johan');
    expect(((await second.response.json()) as { person: { name: string } }).person.name).toBe('Johan Nilsson');
    const third = await demoLogin(server.baseUrl, jar, 'sara');
    expect(((await third.response.json()) as { person: { subject: string } }).person.subject).toBe('demo-sara');
  });

  test('the session cookie is HttpOnly, SameSite=Lax, and does not show the personnummer', async () => {
    const jar = new CookieJar();
    await demoLogin(server.baseUrl, jar, 'johan');
    const setCookie = jar.lastSetCookies.find((c) => c.startsWith('justera_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).not.toMatch(/; Secure/i); // http base URL
    const value = decodeURIComponent(jar.get('justera_session')!);
    expect(value.split('.')).toHaveLength(5); // JWE compact: the person is encrypted
    const johan = DEMO_PERSONS.find((p) => p.id === 'johan')!;
    const readable = value.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1')).join('');
    expect(readable).not.toContain(johan.personnummer);
  });

  test('the secretary has the secretary role; a signer is refused a secretary route', async () => {
    const karin = new CookieJar();
    await demoLogin(server.baseUrl, karin, 'karin');
    expect((await karin.fetch(`${server.baseUrl}/api/v1/secretary-only`)).response.status).toBe(200);

    const lars = new CookieJar();
    await demoLogin(server.baseUrl, lars, 'lars');
    const refused = await lars.fetch(`${server.baseUrl}/api/v1/secretary-only`);
    expect(refused.response.status).toBe(403);
    expect(await refused.response.json()).toMatchObject({ error: { code: 'ERR_FORBIDDEN' } });
  });

  test('the authorization request uses PKCE (S256), state, nonce, prompt=login and max_age', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.baseUrl}/auth/login?returnTo=%2Fauth%2Fme`, { followRedirects: false });
    expect(start.response.status).toBe(303);
    const authorization = new URL(start.response.headers.get('location')!);
    expect(authorization.href.startsWith(`${server.baseUrl}/demo-idp/`)).toBe(true);
    expect(authorization.searchParams.get('response_type')).toBe('code');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('prompt')).toBe('login');
    expect(authorization.searchParams.get('max_age')).toBe('600');
    expect(authorization.searchParams.get('acr_values')).toBe(DEMO_ACR);
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${server.baseUrl}/auth/callback`);
  });

  test('a callback whose state was tampered with is refused, and no session is made', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.baseUrl}/auth/login?returnTo=%2Fauth%2Fme`);
    const chooser = await start.response.text();
    const chosen = await jar.fetch(chooserFormAction(chooser, start.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'person=sara',
      followRedirects: false,
    });
    // Follow the provider's redirects by hand until it sends the browser to our callback.
    let location = new URL(chosen.response.headers.get('location')!, chosen.url);
    while (!location.href.startsWith(`${server.baseUrl}/auth/callback`)) {
      const hop = await jar.fetch(location, { followRedirects: false });
      location = new URL(hop.response.headers.get('location')!, hop.url);
    }
    expect(location.searchParams.get('code')).toBeTruthy();
    location.searchParams.set('state', `${location.searchParams.get('state')}x`);
    const callback = await jar.fetch(location, { followRedirects: false });
    expect(callback.response.status).toBe(401);
    expect(await callback.response.json()).toMatchObject({ error: { code: 'ERR_UNAUTHENTICATED' } });
    expect(jar.get('justera_session')).toBeUndefined();
    expect((await jar.fetch(`${server.baseUrl}/auth/me`)).response.status).toBe(401);
  });

  test('a callback without a login in progress is refused', async () => {
    const jar = new CookieJar();
    const callback = await jar.fetch(`${server.baseUrl}/auth/callback?code=abc&state=def`);
    expect(callback.response.status).toBe(401);
    expect(await callback.response.json()).toMatchObject({ error: { code: 'ERR_UNAUTHENTICATED' } });
  });

  test.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'auth/me',
  ])('returnTo %j is refused (no open redirect)', async (returnTo) => {
    const jar = new CookieJar();
    const login = await jar.fetch(`${server.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
      followRedirects: false,
    });
    expect(login.response.status).toBe(400);
    expect(login.response.headers.get('location')).toBeNull();
    expect(await login.response.json()).toMatchObject({ error: { code: 'ERR_INPUT_INVALID', field: 'returnTo' } });
  });

  test('after login the browser lands on the local returnTo, query included', async () => {
    const jar = new CookieJar();
    const done = await demoLogin(server.baseUrl, jar, 'asa', '/pages/mine?tab=2');
    expect(done.url).toBe(`${server.baseUrl}/pages/mine?tab=2`);
    expect(await done.response.text()).toContain('Hej Åsa Öberg');
  });

  test('without a session: an API call gets 401 JSON, a page redirects to login with returnTo', async () => {
    const jar = new CookieJar();
    const api = await jar.fetch(`${server.baseUrl}/api/v1/whoami`, { headers: { accept: 'text/html' } });
    expect(api.response.status).toBe(401);
    expect(await api.response.json()).toMatchObject({ error: { code: 'ERR_UNAUTHENTICATED' } });

    const page = await jar.fetch(`${server.baseUrl}/pages/mine?x=1`, {
      headers: { accept: 'text/html' },
      followRedirects: false,
    });
    expect(page.response.status).toBe(303);
    expect(page.response.headers.get('location')).toBe(`/auth/login?returnTo=${encodeURIComponent('/pages/mine?x=1')}`);
  });

  test('logout ends the session', async () => {
    const jar = new CookieJar();
    await demoLogin(server.baseUrl, jar, 'lars');
    expect((await jar.fetch(`${server.baseUrl}/auth/me`)).response.status).toBe(200);
    const out = await postLogout(server.baseUrl, jar, { _csrf: await sessionCsrfToken(server.baseUrl, jar) });
    expect(out.response.status).toBe(303);
    expect(out.response.headers.get('location')).toBe('/');
    expect(jar.get('justera_session')).toBeUndefined();
    expect((await jar.fetch(`${server.baseUrl}/auth/me`)).response.status).toBe(401);
  });

  test('a forged session cookie is not accepted', async () => {
    const jar = new CookieJar();
    await demoLogin(server.baseUrl, jar, 'sara');
    const cookie = jar.get('justera_session')!;
    const forged = new CookieJar();
    forged.store([`justera_session=${cookie.slice(0, -4)}AAAA; Path=/`]);
    expect((await forged.fetch(`${server.baseUrl}/auth/me`)).response.status).toBe(401);
  });

  test('the chooser page is Swedish, labelled and says DEMO', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.baseUrl}/auth/login`);
    const html = await start.response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('DEMO – inte riktig e-legitimation');
    for (const person of DEMO_PERSONS) {
      expect(html).toContain(`<label for="person-${person.id}">`);
      expect(html).toContain(`id="person-${person.id}"`);
    }
    expect(html).toContain('<legend>Testperson</legend>');
    expect(html).not.toMatch(/<script/i);
  });

  test('lang=en gives the chooser in English (ui_locales) and still logs in; another lang is refused', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.baseUrl}/auth/login?returnTo=%2Fauth%2Fme&lang=en`);
    expect(start.redirects[0]).toContain('ui_locales=en');
    const html = await start.response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('DEMO – not a real e-ID');
    expect(html).toContain('<legend>Test person</legend>');
    const done = await jar.fetch(chooserFormAction(html, start.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'person=karin',
    });
    expect(((await done.response.json()) as { person: { roles: string[] } }).person.roles).toEqual(['secretary']);

    const refused = await jar.fetch(`${server.baseUrl}/auth/login?lang=de`, { followRedirects: false });
    expect(refused.response.status).toBe(400);
    expect(await refused.response.json()).toMatchObject({ error: { field: 'lang' } });
  });

  test('a chooser form without a person, or an unknown one, gets a clear page and no login', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.baseUrl}/auth/login`);
    const action = chooserFormAction(await start.response.text(), start.url);
    const unknown = await jar.fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'person=mallory',
    });
    expect(unknown.response.status).toBe(400);
    expect(await unknown.response.text()).toContain('Välj en av testpersonerna');
    expect(jar.get('justera_session')).toBeUndefined();
  });

  test('Avbryt at the demo provider comes back as a refused login', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.baseUrl}/auth/login`);
    const action = chooserFormAction(await start.response.text(), start.url).replace(/\/login$/, '/abort');
    const aborted = await jar.fetch(action, { method: 'POST' });
    expect(aborted.url.startsWith(`${server.baseUrl}/auth/callback`)).toBe(true);
    expect(aborted.response.status).toBe(401);
    expect(await aborted.response.json()).toMatchObject({ error: { code: 'ERR_UNAUTHENTICATED' } });
  });
});
