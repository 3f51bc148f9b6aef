/**
 * The service's PKI endpoints: /tsa answers an RFC 3161 request that `openssl ts -verify` accepts against
 * the keys' root, and /pki serves the CA certificates and CRLs the certificates name (openssl parses them).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pemEncode } from '../../../src/pki/pem';
import { startTestService, testKeys, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';

describe('PKI endpoints', () => {
  let service: TestService;
  let dir: string;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', engines: standInEngines });
    dir = mkdtempSync(join(tmpdir(), 'justera-pki-'));
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POST /tsa: a time-stamp openssl verifies', async () => {
    const data = join(dir, 'data.txt');
    writeFileSync(data, 'protokollsutdrag');
    const query = join(dir, 'q.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]);
    const res = await fetch(`${service.baseUrl}/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: readFileSync(query) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    const reply = join(dir, 'r.tsr');
    writeFileSync(reply, Buffer.from(await res.arrayBuffer()));
    const keys = testKeys();
    const root = join(dir, 'root.pem');
    writeFileSync(root, pemEncode('CERTIFICATE', keys.root.certificate));
    const untrusted = join(dir, 'chain.pem');
    writeFileSync(untrusted, [keys.tsa.certificate, ...keys.tsaChain].map((der) => pemEncode('CERTIFICATE', der)).join(''));
    const out = execFileSync('openssl', ['ts', '-verify', '-in', reply, '-queryfile', query, '-CAfile', root, '-untrusted', untrusted], { encoding: 'utf8' });
    expect(out).toContain('Verification: OK');
    const bad = await fetch(`${service.baseUrl}/tsa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(400);
  });

  it('GET /pki/*.crl and *.crt', async () => {
    for (const [path, kind] of [['/pki/root-ca.crl', 'crl'], ['/pki/signing-ca.crl', 'crl'], ['/pki/root-ca.crt', 'x509'], ['/pki/signing-ca.crt', 'x509']] as const) {
      const res = await fetch(`${service.baseUrl}${path}`);
      expect(res.status).toBe(200);
      const file = join(dir, path.split('/').pop()!);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('openssl', [kind, '-inform', 'DER', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
      expect(text).toMatch(kind === 'crl' ? /Certificate Revocation List/ : /Certificate:/);
    }
  });
});
