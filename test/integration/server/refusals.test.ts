/**
 * Every refusal of the service answers its status and error code: bad extract (400 naming the field),
 * no credentials, an API key without the scope, another person's login, a tampered token, an expired link,
 * a reused link, signing twice, signing after a decline. Runs on SQLite and on PostgreSQL.
 */
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { testExtract, tokenOf, type DemoId } from './test-extracts';
import { createApiKey } from '../../../src/use-cases/api-keys';

class MovableClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

async function loggedIn(service: TestService, person: DemoId): Promise<CookieJar> {
  const jar = new CookieJar();
  await demoLogin(service.baseUrl, jar, person);
  return jar;
}

async function post(service: TestService, jar: CookieJar, path: string, body: unknown = {}): Promise<{ status: number; json: any }> {
  const { response } = await jar.fetch(`${service.baseUrl}${path}`, { method: 'POST', headers: { ...(await sessionJsonHeaders(service.baseUrl, jar)), accept: 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

async function createAndSend(service: TestService, extract: Record<string, unknown>): Promise<{ id: string; tokens: Record<string, string> }> {
  const created = await api(service, 'POST', '/api/v1/extracts', extract);
  expect(created.status).toBe(201);
  const sent = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
  expect(sent.status).toBe(200);
  const tokens: Record<string, string> = {};
  for (const signer of sent.json.signers as { field: string; invitationUrl: string | null }[]) if (signer.invitationUrl) tokens[signer.field] = tokenOf(signer.invitationUrl);
  return { id: created.json.id as string, tokens };
}

describe.each(dialects)('refusals on %s', (dialect) => {
  let service: TestService;
  const clock = new MovableClock();
  beforeAll(async () => {
    service = await startTestService({ dialect, engines: standInEngines, clock });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('a bad extract gets 400 naming the field', async () => {
    const extract = testExtract();
    const res = await api(service, 'POST', '/api/v1/extracts', { ...extract, meetingDate: '2023-02-30' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'ERR_INPUT_INVALID', field: 'meetingDate' });
    const notJson = await api(service, 'POST', '/api/v1/extracts', '{"body": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe('ERR_INPUT_NOT_JSON');
  });

  it('no credentials: 401; an unknown key: 401; a key without the scope: 403', async () => {
    const anonymous = await fetch(`${service.baseUrl}/api/v1/extracts`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('ERR_UNAUTHENTICATED');
    expect((await api(service, 'GET', '/api/v1/extracts', undefined, 'jk_not-a-key')).status).toBe(401);
    const { key } = await createApiKey(service.database.db.knex, { name: 'reader', scopes: ['extracts:read'], at: new Date() });
    const create = await api(service, 'POST', '/api/v1/extracts', testExtract(), key);
    expect(create.status).toBe(403);
    expect(create.json.error).toMatchObject({ code: 'ERR_FORBIDDEN', field: 'scope' });
    expect((await api(service, 'GET', '/api/v1/extracts', undefined, key)).status).toBe(200);
    // Admins see the key's last use (never its hash) and can revoke it.
    const listed = await api(service, 'GET', '/api/v1/api-keys');
    const reader = (listed.json.apiKeys as { name: string; lastUsedAt: string | null; keyHash?: string; id: string }[]).find((k) => k.name === 'reader')!;
    expect(reader.lastUsedAt).not.toBeNull();
    expect(reader.keyHash).toBeUndefined();
    expect((await api(service, 'GET', '/api/v1/api-keys', undefined, key)).status).toBe(403);
    expect((await api(service, 'DELETE', `/api/v1/api-keys/${reader.id}`)).status).toBe(204);
    expect((await api(service, 'GET', '/api/v1/extracts', undefined, key)).status).toBe(401);
  });

  it('a logged-in person without the secretary role gets 403 from the API; the secretary gets in', async () => {
    const jar = await loggedIn(service, 'sara');
    const { response } = await jar.fetch(`${service.baseUrl}/api/v1/extracts`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(403);
    const karin = await loggedIn(service, 'karin');
    const ok = await karin.fetch(`${service.baseUrl}/api/v1/extracts`, { headers: { accept: 'application/json' } });
    expect(ok.response.status).toBe(200);
  });

  it('another person, a tampered token, signing twice, a reused link', async () => {
    const { tokens } = await createAndSend(service, testExtract({ adjusters: ['sara'] }));
    const lars = await loggedIn(service, 'lars');
    const wrong = await post(service, lars, `/api/v1/invitations/${tokens['justerare-1']}/sign`);
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('ERR_WRONG_PERSON');

    const sara = await loggedIn(service, 'sara');
    const token = tokens['justerare-1']!;
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bad = await post(service, sara, `/api/v1/invitations/${tampered}/sign`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('ERR_INVITATION_INVALID');

    const signed = await post(service, sara, `/api/v1/invitations/${token}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.json).toMatchObject({ field: 'justerare-1', state: 'out_for_justering', justerad: false });
    const twice = await post(service, sara, `/api/v1/invitations/${token}/sign`);
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('ERR_INVITATION_USED');
    const reopened = await sara.fetch(`${service.baseUrl}/invitation/${token}`, { headers: { accept: 'application/json' } });
    expect(reopened.response.status).toBe(409);
    expect(((await reopened.response.json()) as { error: { code: string } }).error.code).toBe('ERR_INVITATION_USED');
  });

  it('signing after a decline', async () => {
    const { id, tokens } = await createAndSend(service, testExtract({ adjusters: ['sara', 'asa'] }));
    const asa = await loggedIn(service, 'asa');
    const noComment = await post(service, asa, `/api/v1/invitations/${tokens['justerare-2']}/decline`, { comment: ' ' });
    expect(noComment.status).toBe(400);
    expect(noComment.json.error.field).toBe('comment');
    const declined = await post(service, asa, `/api/v1/invitations/${tokens['justerare-2']}/decline`, { comment: 'Beslutsgången återges fel.' });
    expect(declined.status).toBe(200);
    expect(declined.json.state).toBe('declined');
    const sara = await loggedIn(service, 'sara');
    const afterDecline = await post(service, sara, `/api/v1/invitations/${tokens['justerare-1']}/sign`);
    expect(afterDecline.status).toBe(409);
    expect(afterDecline.json.error.code).toBe('ERR_WRONG_STATE');
    const ownAfterDecline = await post(service, asa, `/api/v1/invitations/${tokens['justerare-2']}/sign`);
    expect(ownAfterDecline.status).toBe(409);
    expect(ownAfterDecline.json.error.code).toBe('ERR_INVITATION_USED');
    const status = await api(service, 'GET', `/api/v1/extracts/${id}/status`);
    expect(status.json.signers.find((s: { field: string }) => s.field === 'justerare-2').declineComment).toBe('Beslutsgången återges fel.');
    // The secretary revises: a new version, the old links are dead, new ones work.
    const revised = await api(service, 'POST', `/api/v1/extracts/${id}/revisions`);
    expect(revised.status).toBe(201);
    expect(revised.json).toMatchObject({ state: 'draft', version: 2 });
    const resent = await api(service, 'POST', `/api/v1/extracts/${id}/send`);
    const oldLink = await post(service, sara, `/api/v1/invitations/${tokens['justerare-1']}/sign`);
    expect(oldLink.status).toBe(409);
    expect(oldLink.json.error.code).toBe('ERR_INVITATION_USED');
    const newToken = tokenOf(resent.json.signers.find((s: { field: string }) => s.field === 'justerare-1').invitationUrl);
    expect((await post(service, sara, `/api/v1/invitations/${newToken}/sign`)).status).toBe(200);
  });

  it('an expired link gets 410', async () => {
    const { tokens } = await createAndSend(service, testExtract({ adjusters: ['sara'] }));
    clock.offsetMs = 15 * 86_400_000;
    try {
      const sara = await loggedIn(service, 'sara');
      const expired = await post(service, sara, `/api/v1/invitations/${tokens['justerare-1']}/sign`);
      expect(expired.status).toBe(410);
      expect(expired.json.error.code).toBe('ERR_INVITATION_EXPIRED');
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('unknown routes and extracts answer 404 with the error body', async () => {
    const missing = await api(service, 'GET', '/api/v1/extracts/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'ERR_NOT_FOUND', field: 'id' });
    const route = await api(service, 'GET', '/api/v1/nothing-here');
    expect(route.status).toBe(404);
  });
});
