/**
 * The whole flow over HTTP in the default configuration (keys-example, built-in TSA, demo OpenID provider,
 * real assembly, sealing and PAdES signing): the secretary's API creates the example extract and sends it,
 * the justerare and the ordförande open their links, log in through the demo provider and sign, the extract
 * is justerad (and its anslag published), and the final PDF passes our verifier and pdfsig. SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { runPdfsig } from '../../helpers/pdfsig';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { testExtract, tokenOf } from './test-extracts';
import { loadKeys } from '../../../src/ca/keys-folder';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';

const keysExample = resolve(__dirname, '../../../keys-example');

describe.each(dialects)('end to end over HTTP on %s', (dialect) => {
  let service: TestService;
  let dir: string;
  beforeAll(async () => {
    // The engines run in-process on SQLite and on the worker-thread pool on PostgreSQL: both paths are covered.
    service = await startTestService({ dialect, env: { KEYS_DIR: keysExample, ENGINE_WORKERS: dialect === 'sqlite' ? '0' : '2' } });
    dir = mkdtempSync(join(tmpdir(), 'justera-e2e-'));
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, sends, is signed by the justerare and the ordförande, and is justerad', async () => {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract());
    expect(created).toMatchObject({ status: 201 });
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ state: 'draft', version: 1, deadline: '2023-10-05' });
    const draftPdf = await fetch(`${service.baseUrl}/api/v1/extracts/${id}/pdf`, { headers: { authorization: `Bearer ${service.apiKey}` } });
    expect(draftPdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await draftPdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const sent = await api(service, 'POST', `/api/v1/extracts/${id}/send`);
    expect(sent.json.state).toBe('out_for_justering');
    const links = Object.fromEntries((sent.json.signers as { field: string; invitationUrl: string }[]).map((s) => [s.field, tokenOf(s.invitationUrl)]));
    const outbox = await api(service, 'GET', `/api/v1/outbox?extractId=${id}`);
    expect(outbox.json.mails.map((m: { text: string }) => m.text).join('\n')).toContain(`/invitation/${links['justerare-1']}`);

    for (const [person, field] of [['sara', 'justerare-1'], ['johan', 'ordforande']] as const) {
      const jar = new CookieJar();
      const opened = await jar.fetch(`${service.baseUrl}/invitation/${links[field]}`, { headers: { accept: 'text/html' } });
      expect(opened.redirects[0]).toContain('/auth/login');
      await demoLogin(service.baseUrl, jar, person, `/invitation/${links[field]}`);
      const view = await jar.fetch(`${service.baseUrl}/invitation/${links[field]}`, { headers: { accept: 'application/json' } });
      expect(view.response.status).toBe(200);
      const body = (await view.response.json()) as { invitation: { field: string; title: string } };
      expect(body.invitation.field).toBe(field);
      const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${links[field]}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
      const result = (await signed.response.json()) as { state: string; justerad: boolean };
      expect({ status: signed.response.status, result }).toMatchObject({ status: 200, result: { justerad: field === 'ordforande' } });
    }

    // Justerad, and with the public side's default (post at once) the anslag is published in the same step.
    const status = await api(service, 'GET', `/api/v1/extracts/${id}/status`);
    expect(status.json.state).toBe('anslag_published');
    const final = await fetch(`${service.baseUrl}/api/v1/extracts/${id}/pdf/final`, { headers: { authorization: `Bearer ${service.apiKey}` } });
    expect(final.status).toBe(200);
    const pdf = Buffer.from(await final.arrayBuffer());

    const keys = loadKeys(keysExample);
    const report = await verifyPdf(pdf, { trustAnchors: keys.trustAnchors, crypto: new NodeCryptoProvider() });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering?.complete).toBe(true);

    const file = join(dir, `${dialect}.pdf`);
    writeFileSync(file, pdf);
    const pdfsig = runPdfsig(file);
    const byField = Object.fromEntries(pdfsig.signatures.filter((s) => s.signed).map((s) => [s.fieldName, s]));
    for (const field of ['sigill', 'justerare-1', 'ordforande']) expect(byField[field]?.signatureValidation).toBe('Signature is Valid.');
    expect(byField['ordforande']?.commonName).toBe('Johan Nilsson');

    const revisions = await api(service, 'GET', `/api/v1/extracts/${id}/revisions`);
    expect(revisions.json.revisions.map((r: { kind: string }) => r.kind)).toEqual(['assembled', 'signed', 'signed', 'timestamped']);
    const trail = await api(service, 'GET', `/api/v1/extracts/${id}/audit`);
    const types = (trail.json.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['created', 'sent', 'link_opened', 'authenticated', 'signed', 'timestamped', 'justerad', 'verified', 'published']));
    const evidence = await fetch(`${service.baseUrl}/api/v1/extracts/${id}/evidence.zip`, { headers: { authorization: `Bearer ${service.apiKey}` } });
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get('content-type')).toBe('application/zip');
    const verified = (trail.json.events as { type: string; details: { indication: string } }[]).find((e) => e.type === 'verified');
    expect(verified?.details.indication).toBe('TOTAL_PASSED');

    // The anslag's notice (rendered and sealed in an engine worker on PostgreSQL, in-process on SQLite) is stored and its seal is valid.
    const published = (trail.json.events as { type: string; details: { anslagId: string } }[]).find((e) => e.type === 'published');
    const notice = await fetch(`${service.baseUrl}/anslag/${published!.details.anslagId}/anslag.pdf`);
    expect(notice.status).toBe(200);
    const noticeFile = join(dir, `${dialect}-anslag.pdf`);
    writeFileSync(noticeFile, Buffer.from(await notice.arrayBuffer()));
    expect(runPdfsig(noticeFile).signatures).toEqual([expect.objectContaining({ fieldName: 'sigill', signatureValidation: 'Signature is Valid.' })]);
  });
});
