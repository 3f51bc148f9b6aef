/** parseTimeStampToken against tokens made by OpenSSL's TSA (an independent producer). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsFormatError } from '../../../src/cms/parse-signed-data';
import { parseTimeStampToken } from '../../../src/tsa/parse-timestamp-token';

const dir = mkdtempSync(join(tmpdir(), 'justera-tst-'));
const openssl = (args: string[]): string => execFileSync('openssl', args, { cwd: dir, encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  writeFileSync(join(dir, 'ext.cnf'), 'extendedKeyUsage = critical,timeStamping\n');
  writeFileSync(join(dir, 'ts.cnf'), [
    '[ tsa ]', 'default_tsa = tsa_config', '[ tsa_config ]', `serial = ${join(dir, 'serial')}`, 'crypto_device = builtin',
    'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256', 'accuracy = secs:1, millisecs:500', 'ordering = no',
    'tsa_name = no', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', '',
  ].join('\n'));
  writeFileSync(join(dir, 'serial'), '0A\n');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.pem', '-subj', '/CN=Test TSA', '-days', '2', '-addext', 'extendedKeyUsage=critical,timeStamping']);
  writeFileSync(join(dir, 'data.bin'), 'a signature value');
  openssl(['ts', '-query', '-data', 'data.bin', '-sha256', '-cert', '-out', 'req.tsq']);
  openssl(['ts', '-reply', '-queryfile', 'req.tsq', '-signer', 'tsa.pem', '-inkey', 'tsa.key', '-config', 'ts.cnf', '-section', 'tsa_config', '-token_out', '-out', 'token.der']);
});

describe('parseTimeStampToken', () => {
  it('reads genTime, imprint, policy, serial, nonce and accuracy as OpenSSL wrote them', () => {
    const token = parseTimeStampToken(new Uint8Array(readFileSync(join(dir, 'token.der'))));
    const text = openssl(['ts', '-reply', '-in', 'token.der', '-token_in', '-text']);
    expect(token.policy).toBe('1.2.3.4.1');
    expect(token.imprintAlgorithm).toBe('SHA-256');
    expect(Buffer.from(token.imprint)).toEqual(createHash('sha256').update('a signature value').digest());
    expect(token.serialHex).toBe('0b'); // the serial file held the previous one
    expect(token.accuracyMs).toBe(1500);
    const nonce = /Nonce: (0x[0-9A-F]+)/i.exec(text)![1];
    expect(BigInt(`0x${token.nonceHex}`)).toBe(BigInt(nonce));
    const genTime = /Time stamp: (.*)/.exec(text)![1];
    expect(token.genTime.getTime()).toBe(new Date(genTime).getTime());
    expect(token.signerInfo.signedAttributes?.messageDigest).toEqual(new Uint8Array(createHash('sha256').update(token.tstInfoDer).digest()));
    expect(token.signedData.certificates).toHaveLength(1);
  });

  it('refuses a CMS that is not a token and truncated input', () => {
    const token = new Uint8Array(readFileSync(join(dir, 'token.der')));
    expect(() => parseTimeStampToken(token.subarray(0, token.length - 3))).toThrow(CmsFormatError);
    writeFileSync(join(dir, 'plain.txt'), 'x');
    openssl(['cms', '-sign', '-binary', '-in', 'plain.txt', '-signer', 'tsa.pem', '-inkey', 'tsa.key', '-outform', 'DER', '-out', 'cms.der']);
    expect(() => parseTimeStampToken(new Uint8Array(readFileSync(join(dir, 'cms.der'))))).toThrow(/not TSTInfo/);
  });
});
