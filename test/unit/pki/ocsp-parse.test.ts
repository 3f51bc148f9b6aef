/** parseOcspResponse over responses made by `openssl ocsp` as a responder, cross-checked with `openssl ocsp -text`. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JusteraError } from '../../../src/errors';
import { ParsedCertificate } from '../../../src/pki/certificate';
import { parseOcspResponse } from '../../../src/pki/ocsp-parse';

let dir: string;
const run = (args: string[]): string => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'justera-ocsp-parse-'));
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-subj', '/CN=OCSP Test CA', '-days', '30', '-out', 'ca.pem']);
  run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'leaf.key', '-subj', '/CN=Leaf', '-out', 'leaf.csr']);
  run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '0x1a2b', '-days', '10', '-out', 'leaf.pem']);
  writeFileSync(join(dir, 'index.txt'), 'R\t491231235959Z\t231002100000Z\t1A2B\tunknown\t/CN=Leaf\n');
  run(['ocsp', '-index', 'index.txt', '-rsigner', 'ca.pem', '-rkey', 'ca.key', '-CA', 'ca.pem', '-issuer', 'ca.pem', '-cert', 'leaf.pem', '-ndays', '7', '-respout', 'resp.der']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseOcspResponse', () => {
  it('reads status, responder, CertID and the revoked answer as openssl does', () => {
    const der = new Uint8Array(readFileSync(join(dir, 'resp.der')));
    const response = parseOcspResponse(der);
    const ca = ParsedCertificate.fromPem(readFileSync(join(dir, 'ca.pem'), 'utf8'));
    expect(response.status).toBe('successful');
    const basic = response.basic!;
    expect(basic.responderId).toEqual({ nameDer: ca.subjectDer });
    expect(basic.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.2');
    expect(basic.responses).toHaveLength(1);
    const [single] = basic.responses;
    expect(single!.certId.serialHex).toBe('1a2b');
    expect(single!.certId.hashAlgorithmOid).toBe('1.3.14.3.2.26');
    expect(Buffer.from(single!.certId.issuerNameHash)).toEqual(createHash('sha1').update(ca.subjectDer).digest());
    expect(single!.status).toBe('revoked');
    expect(single!.revocationTime?.toISOString()).toBe('2023-10-02T10:00:00.000Z');
    expect(single!.nextUpdate!.getTime() - single!.thisUpdate.getTime()).toBe(7 * 86_400_000);
    const text = run(['ocsp', '-respin', 'resp.der', '-resp_text', '-noverify']);
    expect(text).toContain('Cert Status: revoked');
    expect(text).toContain(`Issuer Name Hash: ${Buffer.from(single!.certId.issuerNameHash).toString('hex').toUpperCase()}`);
  });

  it('reads an unsuccessful response as its status alone', () => {
    // OCSPResponse { responseStatus tryLater (3) } without responseBytes (RFC 6960, 4.2.1).
    expect(parseOcspResponse(Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x03))).toEqual({ der: Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x03), status: 'tryLater' });
  });

  it('refuses anything that is not an OCSP response with a typed error', () => {
    const der = new Uint8Array(readFileSync(join(dir, 'resp.der')));
    expect(() => parseOcspResponse(der.subarray(0, der.length - 1))).toThrow(JusteraError);
    expect(() => parseOcspResponse(Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x04))).toThrow(JusteraError);
    expect(() => parseOcspResponse(new Uint8Array(readFileSync(join(dir, 'leaf.csr'))))).toThrow(JusteraError);
  });
});
