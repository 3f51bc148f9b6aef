import express from 'express';
import request from 'supertest';
import { fixedClock } from '../../../../src/clock';
import { deriveKey } from '../../../../src/server/auth/secrets';
import { SESSION_COOKIE, SessionCookies } from '../../../../src/server/auth/session';
import { SessionStore } from '../../../../src/use-cases/login-sessions';
import type { AuthenticatedPerson } from '../../../../src/server/auth/person';
import { migrateToLatest, openDatabase, type Database } from '../../../../src/storage/db';

const person: AuthenticatedPerson = {
  subject: 's',
  name: 'Johan Nilsson',
  givenName: 'Johan',
  surname: 'Nilsson',
  acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
  roles: [],
};

const LIFETIME_SECONDS = 8 * 60 * 60;
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(db);
});

afterAll(async () => {
  await db.close();
});

function appWith(secure: boolean) {
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const secret = 's'.repeat(32);
  const cookies = new SessionCookies(
    { session: deriveKey(secret, 'session'), loginTransaction: deriveKey(secret, 'login-transaction'), csrf: deriveKey(secret, 'session-csrf') },
    secure,
    clock,
    new SessionStore(db.knex, { idleSeconds: 30 * 60, lifetimeSeconds: LIFETIME_SECONDS }, clock),
  );
  const app = express();
  app.get('/in', async (_req, res) => {
    await cookies.startSession(res, person);
    res.end();
  });
  app.get('/out', async (req, res) => {
    await cookies.endSession(req, res);
    res.end();
  });
  return app;
}

describe('session cookie attributes', () => {
  test('https service: Secure, HttpOnly, SameSite=Lax, Path=/, for the session lifetime', async () => {
    const response = await request(appWith(true)).get('/in');
    const cookie = response.headers['set-cookie']![0]!;
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(new RegExp(`; Max-Age=${LIFETIME_SECONDS}`));
  });

  test('logout clears the cookie with the same attributes', async () => {
    const cookie = (await request(appWith(true)).get('/out')).headers['set-cookie']![0]!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cookie).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cookie).toMatch(/; Secure/);
  });
});
