/**
 * Workflow rules over HTTP: signing order "chair-last" (the ordförande's link comes when every justerare has
 * signed), reminders when a signer has not signed, cancel, the 413 and 429 limits, and logs that never
 * carry a personnummer.
 */
import { Writable } from 'node:stream';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { demoPerson, testExtract, tokenOf } from './test-extracts';
import { createLogger } from '../../../src/server/logger';
import { sendReminders } from '../../../src/use-cases/extract-service';

class MovableClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

describe('workflow rules', () => {
  let service: TestService;
  const clock = new MovableClock();
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', engines: standInEngines, clock });
  });
  afterAll(async () => {
    await service?.close();
  });

  async function sign(person: 'johan' | 'sara' | 'asa', token: string): Promise<{ status: number; json: any }> {
    const jar = new CookieJar();
    await demoLogin(service.baseUrl, jar, person);
    const { response } = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
    return { status: response.status, json: await response.json() };
  }

  it('chair-last: the ordförande is invited when every justerare has signed', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara', 'asa'], signingOrder: 'chair-last' }));
    expect(created.json.signingOrder).toBe('chair-last');
    const sent = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    const link = (field: string, view: typeof sent) => view.json.signers.find((s: { field: string }) => s.field === field).invitationUrl as string | null;
    expect(link('ordforande', sent)).toBeNull();
    expect((await sign('sara', tokenOf(link('justerare-1', sent)!))).status).toBe(200);
    expect(link('ordforande', await api(service, 'GET', `/api/v1/extracts/${created.json.id}`))).toBeNull();
    expect((await sign('asa', tokenOf(link('justerare-2', sent)!))).status).toBe(200);
    const after = await api(service, 'GET', `/api/v1/extracts/${created.json.id}`);
    const chairLink = link('ordforande', after);
    expect(chairLink).not.toBeNull();
    const signed = await sign('johan', tokenOf(chairLink!));
    expect(signed).toMatchObject({ status: 200, json: { justerad: true, state: 'justerad' } });
  });

  it('reminds signers who have not signed after REMINDER_AFTER_HOURS, once per period', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara'] }));
    await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    const ctx = service.built.deps.service;
    const reminded = () => sendReminders(ctx, { extractId: created.json.id });
    expect(await reminded()).toBe(0);
    clock.offsetMs = 49 * 3_600_000;
    try {
      expect(await reminded()).toBe(2);
      expect(await reminded()).toBe(0);
    } finally {
      clock.offsetMs = 0;
    }
    const outbox = await api(service, 'GET', `/api/v1/outbox?extractId=${created.json.id}`);
    const subjects = (outbox.json.mails as { subject: string; to: string }[]).filter((m) => m.subject.startsWith('Påminnelse'));
    expect(subjects.map((m) => m.to).sort()).toEqual([demoPerson('johan').email, demoPerson('sara').email].sort());
  });

  it('cancel: a cancelled extract cannot be sent', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract());
    expect((await api(service, 'POST', `/api/v1/extracts/${created.json.id}/cancel`, { reason: 'fel utdrag' })).json.state).toBe('cancelled');
    const send = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    expect(send.status).toBe(409);
    expect(send.json.error.code).toBe('ERR_WRONG_STATE');
  });

  it('a body over the limit gets 413', async () => {
    const huge = JSON.stringify({ ...testExtract(), title: 'x'.repeat(18 * 1024 * 1024) });
    const res = await api(service, 'POST', '/api/v1/extracts', huge);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('ERR_INPUT_TOO_LARGE');
  });

  it('logs carry no personnummer', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } });
    const logger = createLogger('info', sink);
    const pnr = demoPerson('sara').personnummer;
    logger.info({ person: { name: 'Sara', personnummer: pnr }, personnummer: pnr }, `signed by ${pnr.slice(0, 8)}-${pnr.slice(8)}`);
    logger.info(`plain ${pnr}`);
    expect(lines.join('')).toContain('Sara');
    expect(lines.join('')).not.toContain(pnr);
    expect(lines.join('')).not.toContain(pnr.slice(8));
  });
});

describe('rate limit', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', engines: standInEngines, rateLimitPerMinute: 3 });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('answers 429 ERR_RATE_LIMITED past the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api(service, 'GET', '/api/v1/extracts')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await api(service, 'GET', '/api/v1/extracts');
    expect(res.json.error.code).toBe('ERR_RATE_LIMITED');
  });
});
