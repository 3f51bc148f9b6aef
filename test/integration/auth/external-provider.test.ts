/**
 * OIDC_ISSUER set: the service logs in against a provider on another server (here a second server running
 * the demo provider with this service registered as its client), not against its own /demo-idp.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pino from 'pino';
import { systemClock } from '../../../src/clock';
import { loadAuthConfig } from '../../../src/config/auth-config';
import { createAuth } from '../../../src/server/auth';
import { createDemoProvider } from '../../../src/server/auth/demo/demo-provider';
import { CookieJar, demoLogin } from '../../helpers/demo-login';
import { startEphemeralServer, type EphemeralServer } from '../../helpers/ephemeral-server';
import { createTestDatabase, type TestDatabase } from '../storage/test-database';
import { buildAuthTestApp } from './auth-test-app';

let dataDir: string;
let database: TestDatabase;
let provider: EphemeralServer;
let service: EphemeralServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'justera-auth-ext-'));
  database = await createTestDatabase('sqlite');
  service = await startEphemeralServer(async (serviceUrl) => {
    provider = await startEphemeralServer(async (providerUrl) => {
      const idp = express();
      idp.use(
        createDemoProvider({
          issuer: `${providerUrl}/demo-idp`,
          client: { clientId: 'justera-kommun', clientSecret: 'provider-registered-secret', redirectUri: `${serviceUrl}/auth/callback` },
          cookieKey: 'k'.repeat(43),
          logger: pino({ level: 'silent' }),
        }).router,
      );
      return idp;
    });
    const config = loadAuthConfig({
      OIDC_ISSUER: `${provider.baseUrl}/demo-idp`,
      OIDC_CLIENT_ID: 'justera-kommun',
      OIDC_CLIENT_SECRET: 'provider-registered-secret',
    });
    return (await buildAuthTestApp(serviceUrl, { config, dataDir, db: database.db })).app;
  });
});

afterAll(async () => {
  await service.close();
  await provider.close();
  await database.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

test('the login goes to the configured issuer and back, and the service has no /demo-idp of its own', async () => {
  const start = await new CookieJar().fetch(`${service.baseUrl}/auth/login`, { followRedirects: false });
  expect(start.response.headers.get('location')!.startsWith(`${provider.baseUrl}/demo-idp/auth?`)).toBe(true);
  const jar = new CookieJar();
  const done = await demoLogin(service.baseUrl, jar, 'johan');
  expect(done.redirects.some((url) => url.startsWith(`${service.baseUrl}/auth/callback?`))).toBe(true);
  expect(((await done.response.json()) as { person: { name: string } }).person.name).toBe('Johan Nilsson');
  const ownDemo = await jar.fetch(`${service.baseUrl}/demo-idp/.well-known/openid-configuration`);
  expect(ownDemo.response.status).toBe(404);
});

test('an http issuer that is not on this machine is refused at start', async () => {
  const config = loadAuthConfig({ OIDC_ISSUER: 'http://idp.example.se', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' });
  await expect(
    createAuth(config, { publicBaseUrl: 'https://justera.example', dataDir, db: database.db.knex, clock: systemClock, logger: pino({ level: 'silent' }) }),
  ).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID', field: 'OIDC_ISSUER' });
});
