/**
 * Several instances on one PostgreSQL: two service processes, 50 extracts with two justerare each, and the
 * 150 signatures (ordförande + 2 justerare per extract) sent at once, alternating between the processes.
 * Signing is serialized per document by a row lock, so every signature lands: 150 of 150 present and valid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { createTestDatabase, type TestDatabase } from '../storage/test-database';
import { freePort, spawnService, type ChildService } from './child-service';
import { testExtract, tokenOf, type DemoId } from './test-extracts';
import { createApiKey } from '../../../src/use-cases/api-keys';
import { loadKeys } from '../../../src/ca/keys-folder';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';

const keysExample = resolve(__dirname, '../../../keys-example');
const EXTRACTS = 50;

jest.setTimeout(300_000);

describe('two service processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let services: ChildService[] = [];
  let dataDir: string;
  let apiKey: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    apiKey = (await createApiKey(database.db.knex, { name: 'test', scopes: ['extracts:read', 'extracts:write', 'audit:read'], at: new Date() })).key;
    dataDir = mkdtempSync(join(tmpdir(), 'justera-multi-'));
    const [portA, portB] = [await freePort(), await freePort()];
    // Instances behind one public URL share the session secret; the OpenID login runs through the first.
    const shared = { ...database.env, PUBLIC_BASE_URL: `http://127.0.0.1:${portA}`, SESSION_SECRET: randomBytes(32).toString('base64url'), KEYS_DIR: keysExample, DATA_DIR: dataDir };
    services = await Promise.all([spawnService(shared, portA), spawnService(shared, portB)]);
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await database?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('150 concurrent signatures through both processes: all present and valid', async () => {
    const [a, b] = services;
    const call = async (base: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: res.status, json: (await res.json()) as any };
    };
    const tokens: { extractId: string; field: string; person: DemoId; token: string }[] = [];
    for (let i = 0; i < EXTRACTS; i++) {
      const base = (i % 2 === 0 ? a : b)!.baseUrl;
      const created = await call(base, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara', 'asa'], title: `Ärende nummer ${i + 1}` }));
      expect(created.status).toBe(201);
      const sent = await call(base, 'POST', `/api/v1/extracts/${created.json.id}/send`);
      expect(sent.status).toBe(200);
      const persons: Record<string, DemoId> = { ordforande: 'johan', 'justerare-1': 'sara', 'justerare-2': 'asa' };
      for (const signer of sent.json.signers as { field: string; invitationUrl: string }[]) {
        tokens.push({ extractId: created.json.id, field: signer.field, person: persons[signer.field]!, token: tokenOf(signer.invitationUrl) });
      }
    }
    expect(tokens).toHaveLength(3 * EXTRACTS);

    const jars: Record<string, CookieJar> = {};
    const sessionHeaders: Record<string, Record<string, string>> = {};
    for (const person of ['johan', 'sara', 'asa'] as const) {
      jars[person] = new CookieJar();
      await demoLogin(a!.baseUrl, jars[person]!, person);
      sessionHeaders[person] = await sessionJsonHeaders(a!.baseUrl, jars[person]!);
    }

    const results = await Promise.all(
      tokens.map(async (t, index) => {
        const base = (index % 2 === 0 ? a : b)!.baseUrl;
        const { response } = await jars[t.person]!.fetch(`${base}/api/v1/invitations/${t.token}/sign`, { method: 'POST', headers: sessionHeaders[t.person]!, body: '{}' });
        return { status: response.status, body: (await response.json()) as unknown };
      }),
    );
    const failures = results.filter((r) => r.status !== 200);
    expect(failures).toEqual([]);

    const keys = loadKeys(keysExample);
    const crypto = new NodeCryptoProvider();
    let valid = 0;
    for (const extractId of [...new Set(tokens.map((t) => t.extractId))]) {
      const status = await call(a!.baseUrl, 'GET', `/api/v1/extracts/${extractId}/status`);
      expect(['justerad', 'anslag_published']).toContain(status.json.state);
      const pdf = Buffer.from(await (await fetch(`${b!.baseUrl}/api/v1/extracts/${extractId}/pdf/final`, { headers: { authorization: `Bearer ${apiKey}` } })).arrayBuffer());
      const report = await verifyPdf(pdf, { trustAnchors: keys.trustAnchors, crypto });
      expect(report.justering?.complete).toBe(true);
      valid += report.signatures.filter((s) => ['ordforande', 'justerare-1', 'justerare-2'].includes(s.field) && s.indication === 'TOTAL_PASSED').length;
    }
    expect(valid).toBe(3 * EXTRACTS);
  });
});
