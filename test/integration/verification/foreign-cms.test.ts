/**
 * Signatures as other software makes them: `openssl cms -sign` over the /ByteRange of a @signpdf
 * placeholder, with every algorithm family real signers use (RSA PKCS#1 v1.5 and PSS, ECDSA on NIST and
 * brainpool curves, Ed25519, Ed448 with SHAKE256), with and without signed attributes, and the legacy
 * adbe.pkcs7.sha1 form. Each is intact and valid; the self-signed chain is INDETERMINATE until it is a
 * trust anchor; a flipped byte fails; SHA-1 after its sunset and an unknown algorithm are INDETERMINATE
 * with a crypto sub-indication. `openssl cms -verify` agrees on every fixture it can read (not EdDSA).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf, { Signer } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { contentTypeAttribute, encodeAttribute, messageDigestAttribute } from '../../../src/cms/cms-attributes';
import { ParsedCertificate } from '../../../src/pki/certificate';
import { derCertificateTime, derOctetString, derOid, derSequence, derSetOf, derSmallInteger, derUnsignedInteger, tlv } from '../../../src/asn1/der';
import { OID } from '../../../src/asn1/oids';
import type { SignatureResult } from '../../../src/verification/model';
import { extractSignatures } from '../../helpers/openssl';
import { renderCsv } from '../../../src/verification/render/csv';
import { renderHtml } from '../../../src/verification/render/html';
import { renderText } from '../../../src/verification/render/text';
import { pipeline, verify } from './helpers/pipeline';

const dir = mkdtempSync(join(tmpdir(), 'justera-foreign-cms-'));

interface Identity {
  key: string;
  cert: string;
  certDer: Uint8Array;
}

interface SignOptions {
  md?: string;
  noattr?: boolean;
  keyopt?: string[];
  subFilter?: string;
  /** `openssl cms -sign -cades`: adds ESS signing-certificate-v2. */
  cades?: boolean;
  /** Assemble an EdDSA CMS in the test (see eddsaCms) instead of asking openssl. */
  eddsa?: 'Ed25519' | 'Ed448';
  /** Post-processes the DER openssl made (e.g. to swap an OID). */
  alter?: (der: Buffer) => Buffer;
}

let counter = 0;
function identity(genpkey: string[], name: string): Identity {
  const key = join(dir, `${name}.key.pem`);
  const cert = join(dir, `${name}.cert.pem`);
  execFileSync('openssl', ['genpkey', ...genpkey, '-out', key], { stdio: 'pipe' });
  execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-subj', `/CN=${name} Signer/O=Other Org`, '-days', '30', '-out', cert], { stdio: 'pipe' });
  const certDer = new Uint8Array(execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER']));
  return { key, cert, certDer };
}

/**
 * OpenSSL 3.0's `cms -sign` cannot sign with EdDSA keys ("eddsa_digest_signverify_init: invalid digest"),
 * so the EdDSA CMS is assembled here as RFC 8419 §3 prescribes and as `openssl cms -sign` lays out its
 * other CMS: signed attributes content-type, signingTime, message-digest (SHA-512 for Ed25519, SHAKE256
 * with 512-bit output for Ed448), the signature PureEdDSA over their DER.
 */
function eddsaCms(id: Identity, content: Buffer, ed448: boolean): Buffer {
  const certificate = ParsedCertificate.fromDer(id.certDer);
  const digest = ed448 ? createHash('shake256', { outputLength: 64 }).update(content).digest() : createHash('sha512').update(content).digest();
  const digestAlgorithm = derSequence(derOid(ed448 ? OID.shake256 : OID.sha512));
  const attributes = derSetOf([contentTypeAttribute(OID.data), encodeAttribute(OID.signingTime, [derCertificateTime(new Date())]), messageDigestAttribute(digest)]);
  const signature = nodeSign(null, attributes, createPrivateKey(readFileSync(id.key)));
  const signedAttributes = Uint8Array.from(attributes);
  signedAttributes[0] = 0xa0;
  const signerInfo = derSequence(
    derSmallInteger(1),
    derSequence(certificate.issuerDer, derUnsignedInteger(certificate.serialNumberBytes)),
    digestAlgorithm,
    signedAttributes,
    derSequence(derOid(ed448 ? OID.ed448 : OID.ed25519)),
    derOctetString(signature),
  );
  const signedData = derSequence(derSmallInteger(1), derSetOf([digestAlgorithm]), derSequence(derOid(OID.data)), tlv(0xa0, id.certDer), derSetOf([signerInfo]));
  return Buffer.from(derSequence(derOid(OID.signedData), tlv(0xa0, signedData)));
}

/** A Signer for @signpdf whose signature is whatever `openssl cms -sign` makes of the signed bytes. */
class OpensslCmsSigner extends Signer {
  constructor(private readonly id: Identity, private readonly options: SignOptions) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    if (this.options.eddsa) {
      const der = eddsaCms(this.id, pdfBuffer, this.options.eddsa === 'Ed448');
      return this.options.alter ? this.options.alter(der) : der;
    }
    const n = counter++;
    const input = join(dir, `in-${n}.bin`);
    const sha1 = this.options.subFilter === 'adbe.pkcs7.sha1';
    // adbe.pkcs7.sha1 (ISO 32000-1 12.8.3.3.1): the CMS encapsulates the SHA-1 digest of the byte range.
    writeFileSync(input, sha1 ? createHash('sha1').update(pdfBuffer).digest() : pdfBuffer);
    const args = ['cms', '-sign', '-binary', '-outform', 'DER', '-in', input, '-signer', this.id.cert, '-inkey', this.id.key];
    if (sha1) args.push('-nodetach');
    if (this.options.md) args.push('-md', this.options.md);
    if (this.options.noattr) args.push('-noattr');
    if (this.options.cades) args.push('-cades');
    for (const option of this.options.keyopt ?? []) args.push('-keyopt', option);
    const der = execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return this.options.alter ? this.options.alter(der) : der;
  }
}

async function plainPdf(text: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage().drawText(text, { x: 50, y: 700 });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

async function signedPdf(id: Identity, options: SignOptions = {}): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: await plainPdf('Hello foreign CMS'), reason: 'test', contactInfo: 'x', name: 'Other', location: 'Malmö',
    signatureLength: 16384, subFilter: options.subFilter ?? 'adbe.pkcs7.detached',
  });
  return signpdf.sign(withPlaceholder, new OpensslCmsSigner(id, options));
}

/** `openssl cms -verify` of the fixture's CMS over its /ByteRange bytes, trusting the signer's own certificate. */
function opensslAgrees(pdf: Buffer, id: Identity, attached = false): boolean {
  const [signature] = extractSignatures(pdf);
  const n = counter++;
  writeFileSync(join(dir, `v-${n}.der`), signature.der);
  writeFileSync(join(dir, `v-${n}.bin`), signature.signedBytes);
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, `v-${n}.der`), '-CAfile', id.cert, '-purpose', 'any', '-out', join(dir, `v-${n}.out`)];
  if (!attached) args.push('-content', join(dir, `v-${n}.bin`));
  const ok = spawnSync('openssl', args).status === 0;
  if (ok && attached) {
    // openssl checked the CMS over its encapsulated content; that content must be the SHA-1 of the byte range.
    return readFileSync(join(dir, `v-${n}.out`)).equals(createHash('sha1').update(signature.signedBytes).digest());
  }
  return ok;
}

function flipInFirstRange(bytes: Uint8Array): Buffer {
  const out = Buffer.from(bytes);
  const at = out.indexOf('Hello');
  out[at >= 0 ? at : 200] ^= 0x01;
  return out;
}

async function only(pdf: Uint8Array, anchors: Uint8Array[] = []): Promise<SignatureResult> {
  // The certificates were made just now: verify as of now (the pipeline's default time lies before them).
  const report = await verify(pdf, { anchors, at: new Date().toISOString() });
  expect(report.signatures).toHaveLength(1);
  return report.signatures[0];
}

const rsa = (): Identity => identity(['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], 'RSA');
const ec = (curve: string): Identity => identity(['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`, '-pkeyopt', 'ec_param_enc:named_curve'], curve);

const cases: [string, () => Identity, SignOptions, string][] = [
  ['RSA PKCS#1 v1.5, SHA-256', rsa, { md: 'sha256' }, 'RSASSA-PKCS1-v1_5 with SHA-256'],
  ['RSA PKCS#1 v1.5, SHA-512, no signed attributes', rsa, { md: 'sha512', noattr: true }, 'RSASSA-PKCS1-v1_5 with SHA-512'],
  ['RSA PKCS#1 v1.5, SHA-384', rsa, { md: 'sha384' }, 'RSASSA-PKCS1-v1_5 with SHA-384'],
  ['RSA PKCS#1 v1.5, SHA-224', rsa, { md: 'sha224' }, 'RSASSA-PKCS1-v1_5 with SHA-224'],
  ['RSASSA-PSS, SHA-256', rsa, { md: 'sha256', keyopt: ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32'] }, 'RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32)'],
  ['ECDSA P-256', () => ec('P-256'), { md: 'sha256' }, 'ECDSA with SHA-256'],
  ['ECDSA P-384', () => ec('P-384'), { md: 'sha384' }, 'ECDSA with SHA-384'],
  ['ECDSA P-521', () => ec('P-521'), { md: 'sha512' }, 'ECDSA with SHA-512'],
  ['ECDSA brainpoolP256r1', () => ec('brainpoolP256r1'), { md: 'sha256' }, 'ECDSA with SHA-256'],
  ['Ed25519', () => identity(['-algorithm', 'ED25519'], 'Ed25519'), { eddsa: 'Ed25519' }, 'Ed25519'],
  ['Ed448 (SHAKE256)', () => identity(['-algorithm', 'ED448'], 'Ed448'), { eddsa: 'Ed448' }, 'Ed448'],
];

describe.each(cases)('openssl cms -sign: %s', (_name, makeIdentity, options, scheme) => {
  let id: Identity;
  let signed: Buffer;
  beforeAll(async () => {
    id = makeIdentity();
    signed = await signedPdf(id, options);
  });

  it('is intact and valid, INDETERMINATE for the self-signed chain, and openssl agrees', async () => {
    const result = await only(signed);
    expect(result).toMatchObject({ integrity: { intact: true, cryptoValid: true }, indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(result.algorithms?.signature).toBe(scheme);
    // OpenSSL 3.0 neither makes nor checks EdDSA CMS with signed attributes (same "invalid digest" in
    // eddsa_digest_signverify_init); for those the check is Node's, on a CMS laid out per RFC 8419.
    if (!options.eddsa) expect(opensslAgrees(signed, id)).toBe(true);
  });

  it('passes once its certificate is a trust anchor, as CMS, not PAdES baseline', async () => {
    const result = await only(signed, [id.certDer]);
    expect(result.indication).toBe('TOTAL_PASSED');
    expect(result.profile).toMatchObject({ padesBaseline: false, level: 'CMS' });
    expect(result.profile?.notes.map((note) => note.en)).toEqual(expect.arrayContaining([
      '/SubFilter /adbe.pkcs7.detached (PAdES uses ETSI.CAdES.detached)',
      options.noattr ? 'no signed attributes (the signature is directly over the content)' : 'signingTime attribute present',
    ]));
  });

  it('fails with one flipped byte', async () => {
    const result = await only(flipInFirstRange(signed), [id.certDer]);
    expect(result.indication).toBe('TOTAL_FAILED');
    if (!options.eddsa) expect(opensslAgrees(flipInFirstRange(signed), id)).toBe(false);
  });
});

describe('policy decisions, not "does not verify"', () => {
  let id: Identity;
  beforeAll(() => {
    id = rsa();
  });

  it('SHA-1 without a proof of existence before its sunset: INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE_NO_POE', async () => {
    const signed = await signedPdf(id, { md: 'sha1' });
    expect(opensslAgrees(signed, id)).toBe(true);
    const result = await only(signed, [id.certDer]);
    expect(result).toMatchObject({ integrity: { intact: true, cryptoValid: true }, indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' });
    expect(result.problems.map((problem) => problem.code)).toContain('ALGORITHM_EXPIRED');
  });

  it('an unknown signature algorithm OID: INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE', async () => {
    const ed = identity(['-algorithm', 'ED25519'], 'Ed25519-unknown');
    // The SignerInfo's id-Ed25519 (1.3.101.112) is the last one in the DER (after the certificate's); make it 1.3.101.127.
    const alter = (der: Buffer): Buffer => {
      const out = Buffer.from(der);
      const at = out.lastIndexOf(Buffer.from([0x06, 0x03, 0x2b, 0x65, 0x70]));
      out[at + 4] = 0x7f;
      return out;
    };
    const result = await only(await signedPdf(ed, { eddsa: 'Ed25519', alter }), [ed.certDer]);
    expect(result).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
    expect(result.problems.map((problem) => problem.code)).toContain('ALGORITHM_UNSUPPORTED');
    expect(result.algorithms?.signature).toBe('1.3.101.127');
  });
});

describe('ETSI.CAdES.detached from openssl: valid, but not PAdES baseline', () => {
  it.each([
    ['plain', false, ['signingTime attribute present', 'no ESS signing-certificate-v2 attribute']],
    ['-cades (ESS signing-certificate-v2)', true, ['signingTime attribute present']],
  ])('%s', async (_name, cades, notes) => {
    const id = rsa();
    const signed = await signpdf.sign(
      plainAddPlaceholder({ pdfBuffer: await plainPdf('Hello CAdES'), reason: 'test', contactInfo: 'x', name: 'Other', location: 'Malmö', signatureLength: 16384, subFilter: 'ETSI.CAdES.detached' }),
      new OpensslCmsSigner(id, { md: 'sha256', cades }),
    );
    expect(opensslAgrees(signed, id)).toBe(true);
    const result = await only(signed, [id.certDer]);
    expect(result).toMatchObject({ subFilter: 'ETSI.CAdES.detached', indication: 'TOTAL_PASSED', profile: { padesBaseline: false, level: 'CMS' } });
    expect(result.level).toBeUndefined();
    expect(result.profile?.notes.map((note) => note.en)).toEqual(notes);
  });
});

describe('adbe.pkcs7.sha1: the CMS encapsulates the SHA-1 of the byte range', () => {
  let id: Identity;
  let signed: Buffer;
  beforeAll(async () => {
    id = rsa();
    signed = await signedPdf(id, { md: 'sha256', subFilter: 'adbe.pkcs7.sha1' });
  });

  it('is intact and valid; SHA-1 of the document decides, as policy', async () => {
    expect(opensslAgrees(signed, id, true)).toBe(true);
    const result = await only(signed, [id.certDer]);
    expect(result).toMatchObject({ subFilter: 'adbe.pkcs7.sha1', integrity: { intact: true, cryptoValid: true }, subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' });
    expect(result.algorithms?.contentDigest).toBe('SHA-1');
    expect(result.profile?.level).toBe('CMS');
  });

  it('fails when a signed byte changes (the encapsulated digest no longer matches)', async () => {
    const result = await only(flipInFirstRange(signed), [id.certDer]);
    expect(result).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(opensslAgrees(flipInFirstRange(signed), id, true)).toBe(false);
  });
});

describe('the report shows the profile; our own documents stay PAdES baseline', () => {
  it('text, CSV and HTML give the profile line of a foreign CMS', async () => {
    const id = rsa();
    const report = await verify(await signedPdf(id, { md: 'sha256' }), { anchors: [id.certDer], at: new Date().toISOString() });
    const outcome = [{ file: 'foreign.pdf', report }];
    expect(renderText(outcome, 'en')).toContain('Profile: CMS, not PAdES baseline: /SubFilter /adbe.pkcs7.detached (PAdES uses ETSI.CAdES.detached); signingTime attribute present');
    expect(renderText(outcome, 'sv')).toContain('Profil: CMS, inte PAdES baseline: ');
    expect(renderCsv(outcome)).toContain('CMS, not PAdES baseline: ');
    expect(renderHtml(outcome, new Date().toISOString())).toContain('CMS, inte PAdES baseline: ');
  });

  it('our finished example is still TOTAL_PASSED at PAdES B-LTA', async () => {
    const report = await verify((await pipeline()).final);
    expect(report.indication).toBe('TOTAL_PASSED');
    for (const signature of report.signatures.filter((s) => s.kind !== 'document-timestamp')) {
      expect(signature.profile).toEqual({ padesBaseline: true, level: 'PAdES B-LTA', notes: [] });
    }
  });
});
