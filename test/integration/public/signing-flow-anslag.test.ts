/**
 * After the real signing flow (service API, demo OpenID login, PAdES signatures) the anslag is on the
 * anslagstavla with the dates the law gives, checks as authentic, comes down after the last day of the
 * appeal period and stays in the archive; the periodic job records both steps in the audit trail.
 */
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { api, startTestService, type TestService } from '../server/harness';
import { demoPerson, testExtract, tokenOf } from '../server/test-extracts';
import { createApiKey } from '../../../src/use-cases/api-keys';
import { movableClock } from './public-fixture';

// Thursday 10 December 2026: three weeks later is nyårsafton, then nyårsdagen and a weekend (lag 1930:173).
const JUSTERAD = '2026-12-10T09:30:00Z';

describe('the anslag after the signing flow', () => {
  const clock = movableClock(JUSTERAD);
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', clock });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('appears when the extract is justerad, comes down after the appeal period and stays in the archive', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ title: 'Trygghetsprogram för Hägersten-Älvsjö' }));
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const sent = await api(service, 'POST', `/api/v1/extracts/${id}/send`);
    const links = Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)]));
    for (const [person, field] of [['sara', 'justerare-1'], ['johan', 'ordforande']] as const) {
      const jar = new CookieJar();
      await demoLogin(service.baseUrl, jar, person, `/invitation/${links[field]}`);
      const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${links[field]}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
      expect(signed.response.status).toBe(200);
    }
    expect((await api(service, 'GET', `/api/v1/extracts/${id}`)).json.state).toBe('anslag_published');

    const list = (await (await fetch(`${service.baseUrl}/api/v1/anslag`)).json()) as { items: Array<{ id: string; justeradOn: string; postedOn: string; appealEndsOn: string; takedownOn: string; current: boolean }> };
    expect(list.items).toHaveLength(1);
    const anslag = list.items[0];
    expect(anslag).toMatchObject({ justeradOn: '2026-12-10', postedOn: '2026-12-10', appealEndsOn: '2027-01-04', takedownOn: '2027-01-05', current: true });

    const page = await (await fetch(`${service.baseUrl}/anslag/${anslag.id}`)).text();
    expect(page.replace(/<[^>]+>/g, '')).toContain('Äkta. Justerat av ordförande Johan');
    expect(page).toContain('och justerare Sara');
    const board = await (await fetch(`${service.baseUrl}/anslagstavla`)).text();
    expect(board).toContain(`/anslag/${anslag.id}`);

    // The demo login gives each signer a personnummer; the certificates carry its pseudonym, no public answer the number.
    const signedPdf = Buffer.from(await (await fetch(`${service.baseUrl}/anslag/${anslag.id}.pdf`)).arrayBuffer());
    const publicAnswers = [
      page,
      board,
      JSON.stringify(list),
      await (await fetch(`${service.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: signedPdf })).text(),
      await (await fetch(`${service.baseUrl}/anslagstavla.atom`)).text(),
    ].join('\n');
    for (const id of ['johan', 'sara'] as const) {
      const digits = demoPerson(id).personnummer.replace(/\D/g, '');
      expect(signedPdf.toString('latin1').toLowerCase()).toContain(Buffer.from('PSEUDO:').toString('hex'));
      for (const variant of [digits, `${digits.slice(0, 8)}-${digits.slice(8)}`, digits.slice(2), `${digits.slice(2, 8)}-${digits.slice(8)}`]) {
        expect(publicAnswers).not.toContain(variant);
      }
    }

    clock.set('2027-01-04T22:59:00Z'); // 23:59 on the last day, Stockholm time
    expect(await (await fetch(`${service.baseUrl}/anslagstavla`)).text()).toContain(`/anslag/${anslag.id}`);
    clock.set('2027-01-05T08:00:00Z');
    expect(await (await fetch(`${service.baseUrl}/anslagstavla`)).text()).not.toContain(`/anslag/${anslag.id}`);
    expect(await (await fetch(`${service.baseUrl}/anslagstavla/arkiv?q=trygghetsprogram`)).text()).toContain(`/anslag/${anslag.id}`);

    const run = await service.built.publicSide!.runSchedule();
    expect(run.takenDown.map((a) => a.id)).toEqual([anslag.id]);
    expect((await api(service, 'GET', `/api/v1/extracts/${id}`)).json.state).toBe('anslag_taken_down');
    const trail = await api(service, 'GET', `/api/v1/extracts/${id}/audit`);
    const types = (trail.json.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['justerad', 'published', 'taken_down']));
    expect(types.indexOf('taken_down')).toBeGreaterThan(types.indexOf('published'));

    // The archivist's routes: scope audit:read, the evidence package and the report as a sealed PDF/A.
    const auth = { authorization: `Bearer ${service.apiKey}` };
    const zip = await fetch(`${service.baseUrl}/api/v1/extracts/${id}/evidence.zip`, { headers: auth });
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await zip.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const reportPdf = await fetch(`${service.baseUrl}/api/v1/extracts/${id}/verification.pdf`, { headers: auth });
    expect(reportPdf.headers.get('content-type')).toBe('application/pdf');
    const report = (await (await fetch(`${service.baseUrl}/api/v1/extracts/${id}/verification.json`, { headers: auth })).json()) as { justering: { complete: boolean } };
    expect(report.justering?.complete).toBe(true);
    const { key: readOnly } = await createApiKey(service.database.db.knex, { name: 'reader', scopes: ['extracts:read'], at: new Date() });
    const refused = await fetch(`${service.baseUrl}/api/v1/extracts/${id}/evidence.zip`, { headers: { authorization: `Bearer ${readOnly}` } });
    expect(refused.status).toBe(403);
    expect((await fetch(`${service.baseUrl}/api/v1/extracts/${id}/evidence.zip`)).status).toBe(401);
  });
});
