import express from 'express';
import request from 'supertest';
import { fixedClock } from '../../../../src/clock';
import { deriveKey } from '../../../../src/server/auth/secrets';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, SessionCookies } from '../../../../src/server/auth/session';
import type { AuthenticatedPerson } from '../../../../src/server/auth/person';

const person: AuthenticatedPerson = {
  subject: 's',
  name: 'Johan Nilsson',
  givenName: 'Johan',
  surname: 'Nilsson',
  acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
  roles: [],
};

function appWith(secure: boolean) {
  const cookies = new SessionCookies(
    { session: deriveKey('s'.repeat(32), 'session'), loginTransaction: deriveKey('s'.repeat(32), 'login-transaction') },
    secure,
    fixedClock('2026-01-01T00:00:00Z'),
  );
  const app = express();
  app.get('/in', async (_req, res) => {
    await cookies.startSession(res, person);
    res.end();
  });
  app.get('/out', (_req, res) => {
    cookies.endSession(res);
    res.end();
  });
  return app;
}

describe('session cookie attributes', () => {
  test('https service: Secure, HttpOnly, SameSite=Lax, Path=/, 8 hours', async () => {
    const response = await request(appWith(true)).get('/in');
    const cookie = response.headers['set-cookie']![0]!;
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(new RegExp(`; Max-Age=${SESSION_TTL_SECONDS}`));
  });

  test('logout clears the cookie with the same attributes', async () => {
    const cookie = (await request(appWith(true)).get('/out')).headers['set-cookie']![0]!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cookie).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cookie).toMatch(/; Secure/);
  });
});
