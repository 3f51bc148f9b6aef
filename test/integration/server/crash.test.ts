/**
 * Crash safety: the service is SIGKILLed in the middle of a signature (the test hook pauses after the
 * signature is made, before its revision is committed). The stored document stays at its last complete
 * revision, nothing of the lost signature is recorded, and signing again after a restart succeeds.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { createTestDatabase, dialects, type TestDatabase } from '../storage/test-database';
import { freePort, spawnService, type ChildService } from './child-service';
import { testExtract, tokenOf } from './test-extracts';
import { createApiKey } from '../../../src/use-cases/api-keys';
import { findHeadRevision, getBlob } from '../../../src/storage/pdf-revisions-repository';
import { listAuditEvents } from '../../../src/storage/audit-repository';
import { findSigner } from '../../../src/storage/signers-repository';
import { loadKeys } from '../../../src/ca/keys-folder';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { updateAfterSignature } from '../../helpers/validation-update';

const keysExample = resolve(__dirname, '../../../keys-example');
jest.setTimeout(120_000);

describe.each(dialects)('SIGKILL during a signature on %s', (dialect) => {
  let database: TestDatabase;
  const running: ChildService[] = [];
  let dataDir: string | undefined;
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop('SIGKILL')));
    await database?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the last complete revision, and signing again succeeds', async () => {
    database = await createTestDatabase(dialect);
    const knex = database.db.knex;
    const apiKey = (await createApiKey(knex, { name: 'test', scopes: ['extracts:read', 'extracts:write'], at: new Date() })).key;
    const port = await freePort();
    const env = { ...database.env, DATA_DIR: database.env.DATA_DIR ?? (dataDir = mkdtempSync(join(tmpdir(), 'justera-crash-'))), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, SESSION_SECRET: randomBytes(32).toString('base64url'), KEYS_DIR: keysExample };

    const first = await spawnService({ ...env, JUSTERA_TEST_HOOKS: '1', JUSTERA_TEST_PAUSE_IN_SIGNATURE_MS: '60000' }, port);
    running.push(first);
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const created = (await (await fetch(`${first.baseUrl}/api/v1/extracts`, { method: 'POST', headers, body: JSON.stringify(testExtract({ adjusters: ['sara'] })) })).json()) as { id: string };
    const sent = (await (await fetch(`${first.baseUrl}/api/v1/extracts/${created.id}/send`, { method: 'POST', headers })).json()) as { signers: { field: string; invitationUrl: string }[] };
    const token = tokenOf(sent.signers.find((s) => s.field === 'justerare-1')!.invitationUrl);
    const before = await findHeadRevision(knex, created.id, 1);
    expect(before?.seq).toBe(0);

    const jar = new CookieJar();
    await demoLogin(first.baseUrl, jar, 'sara');
    const inFlight = jar.fetch(`${first.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(first.baseUrl, jar), body: '{}' }).catch((error: unknown) => error);
    await first.waitForOutput(/test hook: signature made, pausing before the commit/);
    first.process.kill('SIGKILL');
    await first.exited;
    // The request died with the process: no answer came back.
    expect(await inFlight).not.toHaveProperty('response');

    const afterCrash = await findHeadRevision(knex, created.id, 1);
    expect(afterCrash).toEqual(before);
    expect((await findSigner(knex, created.id, 1, 'justerare-1'))?.state).toBe('pending');
    expect((await listAuditEvents(knex, created.id)).map((e) => e.type)).not.toContain('signed');

    // The same public URL (and port) again, without the hook.
    const second = await spawnService(env, port);
    running.push(second);
    const jar2 = new CookieJar();
    await demoLogin(second.baseUrl, jar2, 'sara');
    const signed = await jar2.fetch(`${second.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(second.baseUrl, jar2), body: '{}' });
    expect({ status: signed.response.status, body: await signed.response.json() }).toMatchObject({ status: 200, body: { field: 'justerare-1', revision: 1 } });

    const head = await findHeadRevision(knex, created.id, 1);
    const bytes = await getBlob(knex, head!.sha256);
    // The signature's revision is stored as what it appends to the assembled one.
    const stored = (await knex('pdf_blobs').where({ sha256: head!.sha256 }).first()) as { base_sha256: string | null; bytes: Buffer; size: number };
    const assembled = (await getBlob(knex, before!.sha256))!;
    expect({ base: stored.base_sha256, stored: stored.bytes.length, size: stored.size }).toEqual({ base: before!.sha256, stored: bytes!.length - assembled.length, size: bytes!.length });
    expect(bytes!.subarray(0, assembled.length).equals(assembled)).toBe(true);
    const keys = loadKeys(keysExample);
    const report = await verifyPdf(bytes!, { trustAnchors: keys.trustAnchors, crypto: new NodeCryptoProvider() });
    expect(report.signatures.find((s) => s.field === 'justerare-1')?.indication).toBe('TOTAL_PASSED');
    // What was committed holds the signature's validation data too: the update after the last signature.
    expect(updateAfterSignature(bytes!)).toMatchObject({ last: true, onlyValidationData: true });
    // Graceful shutdown: SIGTERM lets the process finish and exit 0.
    expect(await second.stop('SIGTERM')).toBe(0);
    await second.waitForOutput(/"msg":"stopped"/);
  });
});
