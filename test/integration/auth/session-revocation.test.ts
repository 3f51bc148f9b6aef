/**
 * Issue 11, finding 6: a session ends on the server. Two service instances share one database (SQLite file
 * or PostgreSQL schema) and a clock the test moves: logout at one refuses the old cookie at both, a session
 * idle past SESSION_IDLE_MINUTES ends, so does one past SESSION_LIFETIME_HOURS however busy, and ended rows
 * are removed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/clock';
import { loadAuthConfig } from '../../../src/config/auth-config';
import { SESSION_COOKIE } from '../../../src/server/auth/session';
import { CookieJar, demoLogin, postLogout, sessionCsrfToken } from '../../helpers/demo-login';
import { startEphemeralServer, type EphemeralServer } from '../../helpers/ephemeral-server';
import { createTestDatabase, dialects, type TestDatabase } from '../storage/test-database';
import { buildAuthTestApp } from './auth-test-app';

class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceMinutes(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
}

const MINUTE = 60_000;

describe.each(dialects)('server-side sessions on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  let clock: MovableClock;
  let a: EphemeralServer;
  let b: EphemeralServer;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataDir = await mkdtemp(join(tmpdir(), 'justera-sessions-'));
    clock = new MovableClock();
    const config = loadAuthConfig({ SESSION_IDLE_MINUTES: '10', SESSION_LIFETIME_HOURS: '1' });
    const start = () => startEphemeralServer(async (baseUrl) => (await buildAuthTestApp(baseUrl, { config, dataDir, db: database.db, clock })).app);
    a = await start();
    b = await start();
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await database.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** /auth/me at `server` with exactly this session cookie (as an attacker who kept a copy would send it). */
  const meWith = async (server: EphemeralServer, cookie: string) =>
    (await fetch(`${server.baseUrl}/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } })).status;

  const sessionRows = async () => Number(((await database.db.knex('sessions').count({ n: '*' }).first()) as { n: number | string }).n);

  test('after logout at one instance the old cookie is refused at both', async () => {
    const jar = new CookieJar();
    await demoLogin(a.baseUrl, jar, 'sara');
    const cookie = jar.get(SESSION_COOKIE)!;
    expect(await meWith(a, cookie)).toBe(200);
    expect(await meWith(b, cookie)).toBe(200);

    const out = await postLogout(a.baseUrl, jar, { _csrf: await sessionCsrfToken(a.baseUrl, jar) });
    expect(out.response.status).toBe(303);
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect(await meWith(a, cookie)).toBe(401);
    expect(await meWith(b, cookie)).toBe(401);
    expect((await fetch(`${b.baseUrl}/api/v1/whoami`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } })).status).toBe(401);
  });

  test('a logout without the session’s CSRF token, with another session’s, or from another site is refused and the session stays', async () => {
    const jar = new CookieJar();
    const other = new CookieJar();
    await demoLogin(a.baseUrl, jar, 'lars');
    await demoLogin(a.baseUrl, other, 'asa');
    const own = await sessionCsrfToken(a.baseUrl, jar);
    const refusals: [Record<string, string>, Record<string, string>, string][] = [
      [{}, {}, '_csrf'],
      [{ _csrf: 'A'.repeat(43) }, {}, '_csrf'],
      [{ _csrf: await sessionCsrfToken(a.baseUrl, other) }, {}, '_csrf'],
      [{ _csrf: own }, { origin: 'https://evil.example' }, 'Origin'],
    ];
    for (const [fields, headers, field] of refusals) {
      const refused = await postLogout(a.baseUrl, jar, fields, headers);
      expect(refused.response.status).toBe(403);
      expect(await refused.response.json()).toMatchObject({ error: { code: 'ERR_FORBIDDEN', field } });
    }
    expect((await jar.fetch(`${b.baseUrl}/auth/me`)).response.status).toBe(200);
  });

  test('a session idle longer than SESSION_IDLE_MINUTES ends; each use moves the idle limit', async () => {
    const jar = new CookieJar();
    await demoLogin(a.baseUrl, jar, 'johan');
    const cookie = jar.get(SESSION_COOKIE)!;
    clock.advanceMinutes(8);
    expect(await meWith(b, cookie)).toBe(200);
    clock.advanceMinutes(8);
    // 16 minutes after the login, 8 after the last use.
    expect(await meWith(a, cookie)).toBe(200);
    // 27 minutes after the login, well inside its lifetime, but 11 without a use.
    clock.advanceMinutes(11);
    expect(await meWith(a, cookie)).toBe(401);
    expect(await meWith(b, cookie)).toBe(401);
  });

  test('a session used all the time still ends after SESSION_LIFETIME_HOURS, and ended sessions are removed', async () => {
    const jar = new CookieJar();
    await demoLogin(a.baseUrl, jar, 'karin');
    const cookie = jar.get(SESSION_COOKIE)!;
    for (let minutes = 0; minutes < 54; minutes += 9) {
      clock.advanceMinutes(9);
      expect(await meWith(a, cookie)).toBe(200);
    }
    clock.advanceMinutes(9);
    expect(await meWith(a, cookie)).toBe(401);

    // Every earlier session of this file has ended by now; the next login clears them away.
    expect(await sessionRows()).toBeGreaterThan(0);
    const fresh = new CookieJar();
    await demoLogin(b.baseUrl, fresh, 'sara');
    expect(await sessionRows()).toBe(1);
    const row = (await database.db.knex('sessions').first()) as Record<string, string>;
    // Only a hash of the id: the row cannot be turned back into a cookie, and names nobody.
    expect(Object.keys(row).sort()).toEqual(['created_at', 'expires_at', 'id_hash', 'idle_expires_at']);
    expect(Date.parse(row.expires_at!) - Date.parse(row.created_at!)).toBe(60 * MINUTE);
    expect(Date.parse(row.idle_expires_at!) - Date.parse(row.created_at!)).toBe(10 * MINUTE);
  });
});
