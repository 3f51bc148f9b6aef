/**
 * What the secretary's page offers once the extract is justerad (issue 12, item 7), with the real engines:
 * the evidence package (zip) and the verification report as a readable, sealed PDF, not only JSON.
 */
import { resolve } from 'node:path';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { pdftotext } from '../../helpers/poppler';
import { api, startTestService, type TestService } from './harness';
import { testExtract, tokenOf } from './test-extracts';

jest.setTimeout(120_000);

describe('the justerad extract on the secretary\'s page', () => {
  let service: TestService;
  let id: string;
  let secretary: CookieJar;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', env: { KEYS_DIR: resolve(__dirname, '../../../keys-example'), ENGINE_WORKERS: '0' } });
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract());
    id = created.json.id;
    const sent = await api(service, 'POST', `/api/v1/extracts/${id}/send`);
    for (const [person, field] of [['sara', 'justerare-1'], ['johan', 'ordforande']] as const) {
      const token = tokenOf(sent.json.signers.find((s: { field: string }) => s.field === field).invitationUrl);
      const jar = new CookieJar();
      await demoLogin(service.baseUrl, jar, person);
      const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
      expect(signed.response.status).toBe(200);
    }
    secretary = new CookieJar();
    await demoLogin(service.baseUrl, secretary, 'karin', '/sekreterare');
  });
  afterAll(async () => {
    await service?.close();
  });

  const get = (path: string) => secretary.fetch(`${service.baseUrl}${path}`, { headers: { accept: 'text/html' } }).then((r) => r.response);

  it('links the evidence package and the verification report', async () => {
    const page = await (await get(`/sekreterare/utdrag/${id}`)).text();
    expect(page).toContain(`href="/sekreterare/utdrag/${id}/bevispaket.zip"`);
    expect(page).toContain(`href="/sekreterare/utdrag/${id}/verifieringsrapport.pdf"`);
  });

  it('serves the verification report as a PDF that pdftotext reads', async () => {
    const response = await get(`/sekreterare/utdrag/${id}/verifieringsrapport.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = pdftotext(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('Verifieringsrapport');
    expect(text).toContain('Sara Grolander');
    expect(text).toContain('Johan Nilsson');
  });

  it('serves the evidence package', async () => {
    const response = await get(`/sekreterare/utdrag/${id}/bevispaket.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(`bevispaket-${id}.zip`);
    const zip = Buffer.from(await response.arrayBuffer());
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    for (const entry of ['final.pdf', 'audit-trail.json', 'verification-report.pdf', 'signers.json']) expect(zip.includes(Buffer.from(entry))).toBe(true);
  });
});
