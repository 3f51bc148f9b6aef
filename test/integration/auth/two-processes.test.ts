/**
 * Two service processes (here: two apps on two ports) that share DATA_DIR and the database: a session made
 * by one is accepted by the other, and so is an invitation link. The secret is generated once, by whichever
 * starts first. (Logout and idle timeout across instances: session-revocation.test.ts.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig } from '../../../src/config/auth-config';
import type { Auth } from '../../../src/server/auth';
import { CookieJar, demoLogin } from '../../helpers/demo-login';
import { startEphemeralServer, type EphemeralServer } from '../../helpers/ephemeral-server';
import { createTestDatabase, type TestDatabase } from '../storage/test-database';
import { buildAuthTestApp } from './auth-test-app';

let dataDir: string;
let database: TestDatabase;
const servers: EphemeralServer[] = [];
const auths: Auth[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'justera-auth-two-'));
  database = await createTestDatabase('sqlite');
  for (let i = 0; i < 2; i++) {
    servers.push(
      await startEphemeralServer(async (baseUrl) => {
        const { app, auth } = await buildAuthTestApp(baseUrl, { config: loadAuthConfig({}), dataDir, db: database.db });
        auths.push(auth);
        return app;
      }),
    );
  }
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await database.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

test('a session made by one process is accepted by the other', async () => {
  const [a, b] = servers as [EphemeralServer, EphemeralServer];
  const jar = new CookieJar();
  await demoLogin(a.baseUrl, jar, 'sara');
  // Browsers send cookies for a host whatever the port: the jar does the same.
  const other = await jar.fetch(`${b.baseUrl}/auth/me`);
  expect(other.response.status).toBe(200);
  expect(((await other.response.json()) as { person: { name: string } }).person.name).toBe('Sara Grolander');
});

test('an invitation made by one process verifies and matches at the other', async () => {
  const [a, b] = auths as [Auth, Auth];
  const token = await a.invitations.issue({
    extractId: 'e',
    documentVersion: 1,
    field: 'ordforande',
    person: { name: 'Johan Nilsson', personnummer: '19650412-7793' },
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const claims = await b.invitations.verify(token);
  expect(claims.field).toBe('ordforande');
  expect(
    b.invitations.matchesInvitedPerson(
      claims,
      { subject: 'x', name: 'Johan Nilsson', givenName: 'Johan', surname: 'Nilsson', personnummer: '196504127793', acr: 'a', roles: [] },
      'personnummer',
    ),
  ).toBe(true);
});

test('a process with another secret accepts neither', async () => {
  const stranger = await startEphemeralServer(async (baseUrl) => {
    const { app } = await buildAuthTestApp(baseUrl, { config: loadAuthConfig({ SESSION_SECRET: 'z'.repeat(40) }), dataDir, db: database.db });
    return app;
  });
  try {
    const jar = new CookieJar();
    await demoLogin(servers[0]!.baseUrl, jar, 'sara');
    expect((await jar.fetch(`${stranger.baseUrl}/auth/me`)).response.status).toBe(401);
  } finally {
    await stranger.close();
  }
});
