/**
 * The audit trail: every step appends an event carrying the previous event's hash; the JSON export shows
 * the chain; `justera audit check` finds a changed and a deleted event. SQLite and PostgreSQL.
 */
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { demoPerson, testExtract, tokenOf } from './test-extracts';
import { checkAuditChains, GENESIS_HASH } from '../../../src/use-cases/audit-chain';
import { main } from '../../../src/cli/main';

describe.each(dialects)('audit trail on %s', (dialect) => {
  let service: TestService;
  let extractId: string;
  beforeAll(async () => {
    service = await startTestService({ dialect, engines: standInEngines });
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara'] }));
    extractId = created.json.id;
    const sent = await api(service, 'POST', `/api/v1/extracts/${extractId}/send`);
    const jar = new CookieJar();
    await demoLogin(service.baseUrl, jar, 'sara');
    const token = tokenOf(sent.json.signers.find((s: { field: string }) => s.field === 'justerare-1').invitationUrl);
    const opened = await jar.fetch(`${service.baseUrl}/invitation/${token}`, { headers: { accept: 'application/json' } });
    expect(opened.response.status).toBe(200);
    const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
    expect(signed.response.status).toBe(200);
    expect((await api(service, 'POST', `/api/v1/extracts/${extractId}/remind`)).json.reminded).toBe(1);
  });
  afterAll(async () => {
    await service?.close();
  });

  it('exports the chain with every step', async () => {
    const trail = await api(service, 'GET', `/api/v1/extracts/${extractId}/audit`);
    expect(trail.status).toBe(200);
    const events = trail.json.events as { seq: number; type: string; prevHash: string; hash: string; details: Record<string, unknown> }[];
    expect(events.map((e) => e.type)).toEqual(['created', 'sent', 'link_opened', 'authenticated', 'signed', 'reminded']);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(JSON.stringify(events)).not.toContain(demoPerson('sara').personnummer);
    expect(events[3].details.acr).toBe('http://id.elegnamnden.se/loa/1.0/loa3');
    expect((await checkAuditChains(service.database.db.knex)).breaks).toEqual([]);
  });

  it('justera audit check finds a changed and a missing event', async () => {
    const knex = service.database.db.knex;
    const dbArg = service.database.target.kind === 'sqlite' ? service.database.target.file : `${service.database.env.DATABASE_URL}`;
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      process.exitCode = undefined;
      expect(await main(['node', 'justera', 'audit', 'check', '--db', dbArg])).toBe(0);
      await knex('audit_events').where({ extract_id: extractId, seq: 5 }).update({ details: JSON.stringify({ field: 'justerare-1', role: 'adjuster', name: 'Någon Annan' }) });
      process.exitCode = undefined;
      expect(await main(['node', 'justera', 'audit', 'check', '--db', dbArg])).toBe(1);
      expect(out.join('')).toMatch(new RegExp(`BROKEN  extract ${extractId} event 5: the event was changed`));
    } finally {
      write.mockRestore();
      process.exitCode = undefined;
    }
    await knex('audit_events').where({ extract_id: extractId, seq: 3 }).delete();
    const result = await checkAuditChains(knex, [extractId]);
    expect(result.breaks.map((b) => b.seq)).toEqual(expect.arrayContaining([4, 5]));
    expect(result.breaks.some((b) => b.seq === 4 && /missing/.test(b.reason))).toBe(true);
  });
});
