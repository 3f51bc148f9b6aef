/**
 * Issue 11, findings 3, 4, 5 and 8 over real HTTP: text no database can store (NUL, lone surrogates) is
 * refused with 400 naming the field, bad Content-Encoding with 400/415, an extract over 16 MiB with 413,
 * twelve identical extracts at once all get a code of their own; on SQLite and on PostgreSQL. Then the
 * login rate limits and X-Forwarded-For, believed only from TRUST_PROXY, and the Secure lang cookie.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { documentTime } from '../../../src/assembly/render-extract-pdf';
import { VERIFICATION_CODE_PATTERN, verificationCodeFor } from '../../../src/assembly/verification-code';
import { MAX_EXTRACT_JSON_BYTES } from '../../../src/domain/extract';
import type { DocumentEngines } from '../../../src/use-cases/service-context';
import { CookieJar, demoLogin } from '../../helpers/demo-login';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { testExtract, tokenOf } from './test-extracts';

interface Answer {
  status: number;
  headers: Headers;
  json: { error?: { code: string; field?: string; message: string } } & Record<string, unknown>;
}

async function send(service: TestService, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${service.baseUrl}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = { text };
  }
  return { status: response.status, headers: response.headers, json };
}

function withKey(service: TestService, headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${service.apiKey}`, ...headers };
}

describe.each(dialects)('hardening on %s', (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect, engines: standInEngines, publicSide: true });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('a NUL or a lone surrogate in the path, the query or a JSON field is refused with 400 naming the field, public routes included', async () => {
    const cases: [string, RequestInit, string][] = [
      ['/api/v1/anslag?q=%00', {}, 'q'],
      ['/api/v1/anslag?archive=1&q=ett%00tv%C3%A5', {}, 'q'],
      ['/anslagstavla/arkiv?q=%00', {}, 'q'],
      ['/anslag/%00', {}, 'path'],
      ['/anslag/%00.pdf', {}, 'path'],
      ['/api/v1/anslag/%00', {}, 'path'],
      ['/verifiera/%00', {}, 'path'],
      ['/api/v1/extracts/%00', { headers: withKey(service) }, 'path'],
      ['/api/v1/extracts/x/audit?after=%00', { headers: withKey(service) }, 'after'],
      ['/invitation/%00', {}, 'path'],
      ['/api/v1/extracts', { method: 'POST', headers: withKey(service, { 'content-type': 'application/json' }), body: JSON.stringify({ ...testExtract(), title: 'Detaljplan\u0000' }) }, 'title'],
      ['/api/v1/extracts', { method: 'POST', headers: withKey(service, { 'content-type': 'application/json' }), body: JSON.stringify({ ...testExtract(), title: 'Detaljplan \ud800' }) }, 'title'],
      ['/api/v1/extracts', { method: 'POST', headers: withKey(service, { 'content-type': 'application/json' }), body: JSON.stringify({ ...testExtract(), caseNumber: 'KS \udc00 2023' }) }, 'caseNumber'],
    ];
    for (const [path, init, field] of cases) {
      const answer = await send(service, path, init);
      expect({ path, status: answer.status, code: answer.json.error?.code, field: answer.json.error?.field }).toEqual({ path, status: 400, code: 'ERR_INPUT_INVALID', field });
    }
    // Well-formed text around the refused characters still goes through: a surrogate pair is one emoji.
    const created = await api(service, 'POST', '/api/v1/extracts', { ...testExtract(), title: 'Detaljplan för kvarteret Björken \ud83c\udf33' });
    expect(created.status).toBe(201);
    expect(created.json.title).toBe('Detaljplan för kvarteret Björken 🌳');
    const listed = await api(service, 'GET', '/api/v1/extracts');
    expect((listed.json.extracts as unknown[]).length).toBe(1);
  });

  it('a decline comment with a NUL is refused with 400 (API and form) and the signer is still to sign', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara', 'asa'] }));
    const sent = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    const invitation = (sent.json.signers as { field: string; invitationUrl: string | null }[]).find((s) => s.field === 'justerare-2')!;
    const token = tokenOf(invitation.invitationUrl!);
    const asa = new CookieJar();
    await demoLogin(service.baseUrl, asa, 'asa');
    const { response } = await asa.fetch(`${service.baseUrl}/api/v1/invitations/${token}/decline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ comment: 'Beslutsgången\u0000 återges fel.' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Answer['json']).error).toMatchObject({ code: 'ERR_INPUT_INVALID', field: 'comment' });
    const form = await asa.fetch(`${service.baseUrl}/invitation/${token}/avboj`, {
      method: 'POST',
      followRedirects: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'comment=Fel%00',
    });
    expect(form.response.status).toBe(400);
    const status = await api(service, 'GET', `/api/v1/extracts/${created.json.id}/status`);
    expect(status.json.state).toBe('out_for_justering');
    expect((status.json.signers as { field: string; state: string; declineComment: string | null }[]).find((s) => s.field === 'justerare-2')).toMatchObject({ state: 'pending', declineComment: null });
  });

  it('a body that is not valid data for its Content-Encoding is 400, an unknown encoding 415, before authentication and in the JSON error shape', async () => {
    const json = { 'content-type': 'application/json' };
    const truncatedGzip = gzipSync(JSON.stringify(testExtract())).subarray(0, 40);
    const bad: [string, Uint8Array | string][] = [
      ['gzip', 'not gzip at all'],
      ['gzip', truncatedGzip],
      ['deflate', 'not deflate'],
      ['br', 'not brotli \u00ff\u00fe'],
    ];
    for (const [encoding, body] of bad) {
      const answer = await send(service, '/api/v1/extracts', { method: 'POST', headers: { ...json, 'content-encoding': encoding }, body });
      expect({ encoding, status: answer.status, error: answer.json.error }).toMatchObject({ encoding, status: 400, error: { code: 'ERR_INPUT_INVALID', field: 'Content-Encoding' } });
    }
    const unknown = await send(service, '/api/v1/extracts', { method: 'POST', headers: { ...json, 'content-encoding': 'x-squeeze' }, body: '{}' });
    expect(unknown.status).toBe(415);
    expect(unknown.json.error).toMatchObject({ code: 'ERR_INPUT_UNSUPPORTED_ENCODING', field: 'Content-Encoding' });
    // The same on the public API's raw upload and on a page form.
    const upload = await send(service, '/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/pdf', 'content-encoding': 'gzip' }, body: '%PDF-1.7 not gzip' });
    expect(upload.status).toBe(400);
    expect(upload.json.error).toMatchObject({ code: 'ERR_INPUT_INVALID', field: 'Content-Encoding' });
    const form = await send(service, '/invitation/whatever/avboj', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'deflate' }, body: 'comment=x' });
    expect(form.status).toBe(400);
    // Valid compressed bodies are read as before.
    for (const [encoding, body] of [['gzip', gzipSync(JSON.stringify(testExtract()))], ['br', brotliCompressSync(JSON.stringify(testExtract()))]] as const) {
      const created = await send(service, '/api/v1/extracts', { method: 'POST', headers: withKey(service, { ...json, 'content-encoding': encoding }), body });
      expect({ encoding, status: created.status }).toEqual({ encoding, status: 201 });
    }
  });

  it('an extract body over 16 MiB is refused with 413, also when it arrives compressed', async () => {
    const extract = JSON.stringify(testExtract());
    // Padding inside the JSON (whitespace before the closing brace) keeps it valid: only the size is wrong.
    const padded = (size: number) => `${extract.slice(0, -1)}${' '.repeat(size - Buffer.byteLength(extract))}}`;
    const oversized = padded(MAX_EXTRACT_JSON_BYTES + 1);
    expect(Buffer.byteLength(oversized)).toBe(MAX_EXTRACT_JSON_BYTES + 1);
    const plain = await send(service, '/api/v1/extracts', { method: 'POST', headers: withKey(service, { 'content-type': 'application/json' }), body: oversized });
    expect(plain.status).toBe(413);
    expect(plain.json.error).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE', field: 'body' });
    const compressed = await send(service, '/api/v1/extracts', { method: 'POST', headers: withKey(service, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), body: gzipSync(oversized) });
    expect(compressed.status).toBe(413);
    // At the limit exactly it is read.
    const accepted = await send(service, '/api/v1/extracts', { method: 'POST', headers: withKey(service, { 'content-type': 'application/json' }), body: padded(MAX_EXTRACT_JSON_BYTES) });
    expect(accepted.status).toBe(201);
  });

});

describe.each(dialects)('verification codes on %s', (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    // The real code of the real document time (content and creation second), so identical extracts created at once collide.
    const engines = (): DocumentEngines => ({
      ...standInEngines(),
      assemble: async (extract, createdAt) => {
        const second = documentTime(createdAt);
        return { pdf: Buffer.from(`%PDF-1.7\n% stand-in ${second.toISOString()}\n`), verificationCode: verificationCodeFor(extract, second) };
      },
    });
    service = await startTestService({ dialect, engines });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('twelve identical POST /api/v1/extracts at once: every one is created, each with a verification code of its own', async () => {
    const extract = testExtract({ title: 'Samma utdrag tolv gånger' });
    const answers = await Promise.all(Array.from({ length: 12 }, () => api(service, 'POST', '/api/v1/extracts', extract)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const codes = answers.map((a) => a.json.verificationCode as string);
    expect(codes.every((code) => VERIFICATION_CODE_PATTERN.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(12);
  });
});

describe('login rate limits, TRUST_PROXY and the lang cookie', () => {
  const services: TestService[] = [];
  afterAll(async () => {
    for (const service of services) await service.close();
  });
  const start = async (options: Parameters<typeof startTestService>[0]) => {
    const service = await startTestService(options);
    services.push(service);
    return service;
  };
  const loginStart = (service: TestService, forwardedFor?: string) =>
    send(service, '/auth/login?returnTo=/sekreterare', { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } });

  it('by default X-Forwarded-For is not believed: login starts beyond the limit get 429 with Retry-After whatever the header says', async () => {
    const service = await start({ dialect: 'sqlite', engines: standInEngines, publicSide: true, loginPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await loginStart(service, `203.0.113.${i + 1}`)).status);
    expect(statuses).toEqual([303, 303, 303]);
    const refused = await loginStart(service, '198.51.100.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.error).toMatchObject({ code: 'ERR_RATE_LIMITED' });
    // The callback has a limit of its own.
    for (let i = 0; i < 3; i++) expect((await send(service, '/auth/callback?code=x&state=y')).status).toBe(401);
    expect((await send(service, '/auth/callback?code=x&state=y')).status).toBe(429);
    // The public verify limit (60 a minute) cannot be dodged with a new X-Forwarded-For per request either.
    const verify = (i: number) => send(service, '/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/pdf', 'x-forwarded-for': `192.0.2.${i}` }, body: 'not a pdf' });
    for (let i = 0; i < 60; i++) expect((await verify(i)).status).toBe(415);
    expect((await verify(60)).status).toBe(429);
  });

  it('the demo provider has a limit per client too', async () => {
    const service = await start({ dialect: 'sqlite', engines: standInEngines, loginPerMinute: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await send(service, '/demo-idp/.well-known/openid-configuration')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
  });

  it('from a proxy named in TRUST_PROXY, X-Forwarded-For names the client, and X-Forwarded-Proto: https makes the lang cookie Secure', async () => {
    const service = await start({ dialect: 'sqlite', engines: standInEngines, publicSide: true, loginPerMinute: 2, env: { TRUST_PROXY: '127.0.0.1' } });
    for (let i = 0; i < 4; i++) expect((await loginStart(service, `203.0.113.${i + 1}`)).status).toBe(303);
    expect((await loginStart(service, '203.0.113.9')).status).toBe(303);
    expect((await loginStart(service, '203.0.113.9')).status).toBe(303);
    expect((await loginStart(service, '203.0.113.9')).status).toBe(429);
    const plain = await send(service, '/anslagstavla?lang=en');
    expect(plain.headers.get('set-cookie')).toMatch(/^lang=en;/);
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const behindTls = await send(service, '/anslagstavla?lang=en', { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('with an https PUBLIC_BASE_URL the lang cookie is Secure', async () => {
    const service = await start({ dialect: 'sqlite', engines: standInEngines, publicSide: true, env: { PUBLIC_BASE_URL: 'https://justera.example' } });
    const answer = await send(service, '/anslagstavla?lang=en');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toMatch(/^lang=en;.*;\s*Secure/i);
  });
});
