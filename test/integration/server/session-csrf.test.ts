/**
 * Issue 11, findings 7 and 8 (the CSRF part): a change made through the JSON API with the login session
 * must be application/json (415 otherwise, in the JSON error shape) and carry this session's CSRF token in
 * X-CSRF-Token; an API key needs neither. Nothing changes when a request is refused. SQLite and PostgreSQL.
 */
import { CookieJar, demoLogin, sessionCsrfToken } from '../../helpers/demo-login';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { testExtract, tokenOf, type DemoId } from './test-extracts';

describe.each(dialects)('CSRF of session writes on %s', (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect, engines: standInEngines });
  });
  afterAll(async () => {
    await service?.close();
  });

  async function loggedIn(person: DemoId): Promise<CookieJar> {
    const jar = new CookieJar();
    await demoLogin(service.baseUrl, jar, person);
    return jar;
  }

  async function post(jar: CookieJar, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: any }> {
    const { response } = await jar.fetch(`${service.baseUrl}${path}`, { method: 'POST', headers: { accept: 'application/json', ...headers }, body });
    return { status: response.status, json: await response.json() };
  }

  async function sentExtract(adjuster: DemoId): Promise<{ id: string; tokens: Record<string, string> }> {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: [adjuster] }));
    // An API key sends without a body and without a CSRF token: a browser never attaches a key by itself.
    const sent = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    expect(sent.status).toBe(200);
    return { id: created.json.id, tokens: Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)])) };
  }

  const signerState = async (id: string, field: string) =>
    ((await api(service, 'GET', `/api/v1/extracts/${id}`)).json.signers as { field: string; state: string }[]).find((s) => s.field === field)!.state;

  test('signing with the session: text/plain or a form body is 415, with or without the token', async () => {
    const { id, tokens } = await sentExtract('sara');
    const jar = await loggedIn('sara');
    const token = await sessionCsrfToken(service.baseUrl, jar);
    const path = `/api/v1/invitations/${tokens['justerare-1']}/sign`;
    const bodies: Record<string, string>[] = [{ 'content-type': 'text/plain' }, { 'content-type': 'text/plain', 'x-csrf-token': token }, { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': token }];
    for (const headers of bodies) {
      const refused = await post(jar, path, headers, '{}');
      expect(refused).toEqual({ status: 415, json: { error: expect.objectContaining({ code: 'ERR_INPUT_MEDIA_TYPE', field: 'Content-Type' }) } });
    }
    expect(await signerState(id, 'justerare-1')).toBe('pending');
  });

  test('signing with the session: a missing, wrong or other session’s token is 403; this session’s token signs', async () => {
    const { id, tokens } = await sentExtract('asa');
    const jar = await loggedIn('asa');
    // The same person in another browser: another session, another token.
    const otherSession = await sessionCsrfToken(service.baseUrl, await loggedIn('asa'));
    const path = `/api/v1/invitations/${tokens['justerare-1']}/sign`;
    for (const token of [undefined, 'A'.repeat(43), otherSession]) {
      const refused = await post(jar, path, { 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) }, '{}');
      expect(refused).toEqual({ status: 403, json: { error: expect.objectContaining({ code: 'ERR_FORBIDDEN', field: 'X-CSRF-Token' }) } });
    }
    expect(await signerState(id, 'justerare-1')).toBe('pending');
    const declined = await post(jar, `/api/v1/invitations/${tokens['justerare-1']}/decline`, { 'content-type': 'text/plain' }, '{"comment":"nej"}');
    expect(declined.status).toBe(415);

    const signed = await post(jar, path, { 'content-type': 'application/json', 'x-csrf-token': await sessionCsrfToken(service.baseUrl, jar) }, '{}');
    expect(signed.status).toBe(200);
    expect(await signerState(id, 'justerare-1')).toBe('signed');
  });

  test('the secretary’s session: send and remind need JSON and the token; reads need neither', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['lars'] }));
    const jar = await loggedIn('karin');
    expect((await jar.fetch(`${service.baseUrl}/api/v1/extracts/${created.json.id}`)).response.status).toBe(200);
    const path = `/api/v1/extracts/${created.json.id}/send`;
    expect((await post(jar, path, { 'content-type': 'text/plain' }, '')).status).toBe(415);
    expect((await post(jar, path, { 'content-type': 'application/json' }, '{}')).json).toMatchObject({ error: { code: 'ERR_FORBIDDEN', field: 'X-CSRF-Token' } });
    expect((await api(service, 'GET', `/api/v1/extracts/${created.json.id}`)).json.state).toBe('draft');
    const token = await sessionCsrfToken(service.baseUrl, jar);
    expect((await post(jar, path, { 'content-type': 'application/json', 'x-csrf-token': token }, '{}')).status).toBe(200);
    expect((await api(service, 'GET', `/api/v1/extracts/${created.json.id}`)).json.state).toBe('out_for_justering');
    expect((await post(jar, `/api/v1/extracts/${created.json.id}/remind`, { 'content-type': 'text/plain' }, '{}')).status).toBe(415);
    expect((await post(jar, `/api/v1/extracts/${created.json.id}/remind`, { 'content-type': 'application/json', 'x-csrf-token': token }, '{}')).status).toBe(200);
  });
});
