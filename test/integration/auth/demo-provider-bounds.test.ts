/**
 * Issue 11, finding 5: a login start stores an Interaction in the demo provider; beyond the cap the oldest
 * pending login is forgotten (its page says it has expired) instead of the provider's memory growing.
 */
import { createHash, randomBytes } from 'node:crypto';
import express from 'express';
import pino from 'pino';
import { createDemoProvider, type DemoProvider } from '../../../src/server/auth/demo/demo-provider';
import { CookieJar, chooserFormAction } from '../../helpers/demo-login';
import { startEphemeralServer, type EphemeralServer } from '../../helpers/ephemeral-server';

const CAP = 5;

describe('the demo provider keeps a bounded number of pending logins', () => {
  let server: EphemeralServer;
  let demo: DemoProvider;
  beforeAll(async () => {
    server = await startEphemeralServer(async (baseUrl) => {
      demo = createDemoProvider({
        issuer: `${baseUrl}/demo-idp`,
        client: { clientId: 'c', clientSecret: 's', redirectUri: `${baseUrl}/callback` },
        cookieKey: randomBytes(32).toString('base64url'),
        logger: pino({ level: 'silent' }),
        maxPendingLogins: CAP,
      });
      const app = express();
      app.use(demo.router);
      return app;
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Starts a login as a browser does: the authorization request, then the provider's interaction page. */
  async function startLogin(jar: CookieJar): Promise<string> {
    const query = new URLSearchParams({
      client_id: 'c',
      response_type: 'code',
      redirect_uri: `${server.baseUrl}/callback`,
      scope: 'openid',
      code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
      code_challenge_method: 'S256',
      state: randomBytes(8).toString('hex'),
      nonce: randomBytes(8).toString('hex'),
      prompt: 'login',
    });
    const { response, url } = await jar.fetch(`${server.baseUrl}/demo-idp/auth?${query}`);
    expect(response.status).toBe(200);
    await response.text();
    return url;
  }

  it(`after ${CAP + 3} login starts it remembers ${CAP}: the oldest has expired, the newest still logs in`, async () => {
    const jars = Array.from({ length: CAP + 3 }, () => new CookieJar());
    const pages: string[] = [];
    for (const jar of jars) pages.push(await startLogin(jar));
    expect(demo.pendingLogins()).toBe(CAP);

    const oldest = await jars[0]!.fetch(pages[0]!);
    expect(oldest.response.status).toBe(400);
    expect(await oldest.response.text()).toContain('Inloggningen har gått ut');

    const newest = await jars[CAP + 2]!.fetch(pages[CAP + 2]!);
    const chooser = await newest.response.text();
    expect(newest.response.status).toBe(200);
    const done = await jars[CAP + 2]!.fetch(chooserFormAction(chooser, newest.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'person=sara',
      followRedirects: true,
    });
    expect(done.url).toMatch(new RegExp(`^${server.baseUrl}/callback\\?code=`));
  });
});
