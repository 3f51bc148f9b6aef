import { createHash } from 'node:crypto';
import { fixedClock } from '../../../src/clock';
import { parseSignedData } from '../../../src/cms/parse-signed-data';
import { JUSTERA_OID, OID } from '../../../src/asn1/oids';
import { pemEncode } from '../../../src/pki/pem';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { parseTimeStampToken } from '../../../src/tsa/parse-timestamp-token';
import { encodeTimeStampRequest } from '../../../src/tsa/timestamp-request';
import { TEST_TIME, exampleKeys, openssl, testClock } from '../pki/openssl-tools';

const keys = exampleKeys();
const rootPem = pemEncode('CERTIFICATE', keys.root.certificate);
const sha256 = (text: string) => createHash('sha256').update(text).digest();

describe('BuiltinTsa.timestamp', () => {
  it('makes a token that openssl ts -verify accepts for the imprint, carrying the TSA certificate', async () => {
    const imprint = sha256('signature value');
    const token = await BuiltinTsa.fromKeys(keys, testClock).timestamp(imprint, 'SHA-256');
    const result = openssl(['ts', '-verify', '-digest', imprint.toString('hex'), '-in', '{token.der}', '-token_in', '-CAfile', '{root.pem}'], {
      'token.der': token,
      'root.pem': rootPem,
    });
    expect(result.output).toContain('Verification: OK');
    const other = openssl(['ts', '-verify', '-digest', sha256('another').toString('hex'), '-in', '{token.der}', '-token_in', '-CAfile', '{root.pem}'], {
      'token.der': token,
      'root.pem': rootPem,
    });
    expect(other.output).toContain('message imprint mismatch');
    expect(parseSignedData(token).certificates).toEqual([keys.tsa.certificate]);
  });

  it('states policy, genTime from the clock, accuracy of a second and no ordering, and signs ESS signing-certificate-v2', async () => {
    const clock = fixedClock('2023-10-03T10:00:00.250Z');
    const imprint = createHash('sha512').update('x').digest();
    const token = await BuiltinTsa.fromKeys(keys, clock).timestamp(imprint, 'SHA-512');
    const facts = parseTimeStampToken(token);
    expect(facts.genTime).toEqual(clock.now());
    expect(facts.policy).toBe(JUSTERA_OID.timestampPolicy);
    expect(facts.imprintAlgorithm).toBe('SHA-512');
    expect(facts.accuracyMs).toBe(1000);
    expect(facts.signerInfo.signedAttributes?.types).toContain(OID.signingCertificateV2);
    expect(facts.signerInfo.signedAttributes?.signingTime).toBeUndefined();
    expect(facts.signedData.version).toBe(3);
    const text = openssl(['ts', '-reply', '-in', '{token.der}', '-token_in', '-token_out', '-text'], { 'token.der': token }).output;
    expect(text).toContain('Time stamp: Oct  3 10:00:00.25 2023 GMT');
    expect(text).toContain('Ordering: no');
    expect(text).toContain('Accuracy: 0x01 seconds');
  });

  it('gives the same token for the same imprint and pinned clock, and another serial for another imprint or time', async () => {
    const imprint = sha256('same');
    const first = BuiltinTsa.fromKeys(keys, testClock);
    const a1 = await first.timestamp(imprint, 'SHA-256');
    expect(Buffer.from(await first.timestamp(imprint, 'SHA-256')).equals(Buffer.from(a1))).toBe(true);
    expect(Buffer.from(await BuiltinTsa.fromKeys(keys, testClock).timestamp(imprint, 'SHA-256')).equals(Buffer.from(a1))).toBe(true);
    const serial = parseTimeStampToken(a1).serialHex;
    expect(parseTimeStampToken(await first.timestamp(sha256('other'), 'SHA-256')).serialHex).not.toBe(serial);
    const later = BuiltinTsa.fromKeys(keys, fixedClock(new Date(TEST_TIME.getTime() + 1)));
    expect(parseTimeStampToken(await later.timestamp(imprint, 'SHA-256')).serialHex).not.toBe(serial);
  });

  it('refuses to time-stamp outside its certificate’s validity, in-process and over the protocol', async () => {
    const tooEarly = BuiltinTsa.fromKeys(keys, fixedClock('2019-06-01T00:00:00Z'));
    await expect(tooEarly.timestamp(sha256('x'), 'SHA-256')).rejects.toMatchObject({ code: 'ERR_KEYS_INVALID' });
    const request = encodeTimeStampRequest({ messageImprint: sha256('x'), digestAlgorithm: 'SHA-256', certReq: true });
    const text = openssl(['ts', '-reply', '-in', '{resp.tsr}', '-text'], { 'resp.tsr': await tooEarly.handleRequest(request) }).output;
    expect(text).toContain('Status: Rejected.');
    expect(text).toContain('the request cannot be handled due to system failure');
  });

  it('announces a maxTokenSize no token exceeds', async () => {
    const tsa = BuiltinTsa.fromKeys(keys, testClock);
    const token = await tsa.timestamp(createHash('sha512').update('x').digest(), 'SHA-512');
    expect(token.length).toBeLessThanOrEqual(tsa.maxTokenSize);
  });
});

describe('BuiltinTsa.handleRequest', () => {
  const tsa = BuiltinTsa.fromKeys(keys, testClock);
  const data = Buffer.from('protokollsutdrag § 12');

  it('answers an openssl ts -query so that openssl ts -verify -queryfile checks nonce, imprint and chain', async () => {
    const query = openssl(['ts', '-query', '-data', '{data.bin}', '-sha256', '-cert', '-out', '{req.tsq}'], { 'data.bin': data });
    const request = query.read('req.tsq');
    const response = await tsa.handleRequest(request);
    const verified = openssl(['ts', '-verify', '-queryfile', '{req.tsq}', '-in', '{resp.tsr}', '-CAfile', '{root.pem}'], {
      'req.tsq': request,
      'resp.tsr': response,
      'root.pem': rootPem,
    });
    expect(verified.output).toContain('Verification: OK');
    const text = openssl(['ts', '-reply', '-in', '{resp.tsr}', '-text'], { 'resp.tsr': response }).output;
    expect(text).toContain('Status: Granted.');
    expect(text).toMatch(/Nonce: 0x[0-9A-F]+/);
  });

  it('leaves the TSA certificate out when the request does not ask for it', async () => {
    const query = openssl(['ts', '-query', '-data', '{data.bin}', '-sha384', '-no_nonce', '-out', '{req.tsq}'], { 'data.bin': data });
    const response = await tsa.handleRequest(query.read('req.tsq'));
    const token = openssl(['ts', '-reply', '-in', '{resp.tsr}', '-token_out', '-out', '{token.der}'], { 'resp.tsr': response }).read('token.der');
    expect(parseSignedData(token).certificates).toEqual([]);
    const verified = openssl(['ts', '-verify', '-data', '{data.bin}', '-in', '{token.der}', '-token_in', '-CAfile', '{root.pem}', '-untrusted', '{tsa.pem}'], {
      'data.bin': data,
      'token.der': token,
      'root.pem': rootPem,
      'tsa.pem': pemEncode('CERTIFICATE', keys.tsa.certificate),
    });
    expect(verified.output).toContain('Verification: OK');
  });

  const rejected = async (request: Uint8Array) =>
    openssl(['ts', '-reply', '-in', '{resp.tsr}', '-text'], { 'resp.tsr': await tsa.handleRequest(request) }).output;

  it.each([
    ['a request of more than 4 KiB', () => new Uint8Array(5000), 'transaction not permitted or supported'],
    ['bytes that are not a request', () => Buffer.from('GET / HTTP/1.1'), 'the data submitted has the wrong format'],
    ['a SHA-1 imprint', () => encodeTimeStampRequest({ messageImprint: new Uint8Array(20), digestAlgorithm: 'SHA-1', certReq: true }), 'unrecognized or unsupported algorithm identifier'],
    ['an imprint of the wrong length', () => encodeTimeStampRequest({ messageImprint: new Uint8Array(31), digestAlgorithm: 'SHA-256', certReq: true }), 'the data submitted has the wrong format'],
    [
      'a policy this TSA does not offer',
      () => encodeTimeStampRequest({ messageImprint: new Uint8Array(32), digestAlgorithm: 'SHA-256', certReq: true, policyOid: '1.2.3.4' }),
      'the requested TSA policy is not supported by the TSA',
    ],
  ])('rejects %s with the matching failure info', async (_, makeRequest, failure) => {
    const text = await rejected(makeRequest());
    expect(text).toContain('Status: Rejected.');
    expect(text).toContain(failure);
  });

  it('grants a request for its own policy', async () => {
    const request = encodeTimeStampRequest({ messageImprint: new Uint8Array(32), digestAlgorithm: 'SHA-256', certReq: true, policyOid: JUSTERA_OID.timestampPolicy });
    expect(await rejected(request)).toContain('Status: Granted.');
    expect(TEST_TIME).toEqual(testClock.now());
  });
});
