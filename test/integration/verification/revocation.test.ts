/**
 * Revocation from everywhere a signer puts it (issue 10, item 5): CRLs and OCSP responses in the DSS and its
 * VRI, in the CMS crls field (RFC 5652 / RFC 5940), and in Adobe's adbe-revocationInfoArchival signed
 * attribute. The PKI is the pipeline's keys; CRLs come from our CRL issuer, OCSP responses from `openssl ocsp`
 * (the signing CA itself, a delegated responder, and an unauthorised one).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSignedData } from '../../../src/pades/build-signed-data';
import { PADES_BASELINE_B } from '../../../src/pades/signed-attributes-policy';
import { contentTypeAttribute, encodeAttribute, messageDigestAttribute, signingCertificateV2Attribute, digestAlgorithmIdentifier } from '../../../src/cms/cms-attributes';
import { hash } from '../../../src/cms/signed-data-writer';
import { fixedClock } from '../../../src/clock';
import { dict, name, PdfStream, PdfDict, type PdfObject } from '../../../src/pdf/objects';
import { readIssuerAndSerial } from '../../../src/pki/certificate';
import { issueCrl } from '../../../src/ca/crl';
import { derExplicit, derOctetString, derOid, derSequence, derSetOf, derSmallInteger, elementBytes, readChildren, readElement, TAG, tlv } from '../../../src/asn1/der';
import { issueSignerCertificate } from '../../../src/ca/issue-signer-certificate';
import type { SignerCredentials } from '../../../src/pades/signer';
import { signatureAlgorithmFor, signWithKey } from '../../../src/crypto/key-signing';
import { OID } from '../../../src/asn1/oids';
import { pemEncode } from '../../../src/pki/pem';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import type { SignatureResult } from '../../../src/verification/model';
import { appendUpdate, signWith } from './helpers/attacks';
import { crypto, pipeline, SIGNING_TIME, type Pipeline } from './helpers/pipeline';

const T = new Date(SIGNING_TIME);
const VERIFY_AT = new Date(T.getTime() + 60_000);
const FIELD = 'ordforande';

interface Fixture {
  p: Pipeline;
  signer: SignerCredentials;
  /** The signing CA's CRL revoking the signer 30 s before the signature, and one revoking nothing. */
  revokingCrl: Uint8Array;
  cleanCrl: Uint8Array;
  /** The root's CRL: covers the signing CA. */
  rootCrl: Uint8Array;
  ocsp: { good: Uint8Array; revoked: Uint8Array; delegatedGood: Uint8Array; delegatedRevoked: Uint8Array; unauthorised: Uint8Array };
}

function openssl(args: string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

/** `openssl ocsp` as a responder: an index with the signer's status, a response signed by `rsigner`. */
function ocspResponses(p: Pipeline, signer: SignerCredentials): Fixture['ocsp'] {
  const dir = mkdtempSync(join(tmpdir(), 'justera-ocsp-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), pemEncode('CERTIFICATE', p.keys.signingCa.certificate));
    writeFileSync(join(dir, 'ca.key'), p.keys.signingCa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'signer.pem'), pemEncode('CERTIFICATE', signer.certificate));
    const serial = signer.certificate && readIssuerAndSerialHex(signer.certificate);
    const subject = '/CN=signer';
    // index.txt (openssl ca's database): status, expiry, revocation time, serial, file, subject.
    writeFileSync(join(dir, 'good.txt'), `V\t491231235959Z\t\t${serial}\tunknown\t${subject}\n`);
    const revokedAt = new Date(T.getTime() - 30_000).toISOString().replace(/[-:T]/g, '').slice(2, 14);
    writeFileSync(join(dir, 'revoked.txt'), `R\t491231235959Z\t${revokedAt}Z\t${serial}\tunknown\t${subject}\n`);
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'responder.key'], dir);
    writeFileSync(join(dir, 'ocsp.ext'), 'extendedKeyUsage=OCSPSigning\n');
    writeFileSync(join(dir, 'plain.ext'), 'keyUsage=digitalSignature\n');
    openssl(['req', '-new', '-key', 'responder.key', '-subj', '/CN=Delegated OCSP responder', '-out', 'responder.csr'], dir);
    openssl(['x509', '-req', '-in', 'responder.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4242', '-days', '30', '-extfile', 'ocsp.ext', '-out', 'responder.pem'], dir);
    // The twin: issued by the CA, but without id-kp-OCSPSigning (RFC 6960 4.2.2.2 refuses it).
    openssl(['x509', '-req', '-in', 'responder.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4243', '-days', '30', '-extfile', 'plain.ext', '-out', 'plain.pem'], dir);
    const respond = (index: string, rsigner: string, rkey: string, out: string): Uint8Array => {
      openssl(['ocsp', '-index', index, '-rsigner', rsigner, '-rkey', rkey, '-CA', 'ca.pem', '-issuer', 'ca.pem', '-cert', 'signer.pem', '-ndays', '3650', '-respout', out], dir);
      return new Uint8Array(readFileSync(join(dir, out)));
    };
    return {
      good: respond('good.txt', 'ca.pem', 'ca.key', 'good.der'),
      revoked: respond('revoked.txt', 'ca.pem', 'ca.key', 'revoked.der'),
      delegatedGood: respond('good.txt', 'responder.pem', 'responder.key', 'delegated-good.der'),
      delegatedRevoked: respond('revoked.txt', 'responder.pem', 'responder.key', 'delegated-revoked.der'),
      unauthorised: respond('revoked.txt', 'plain.pem', 'responder.key', 'unauthorised.der'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readIssuerAndSerialHex(certificate: Uint8Array): string {
  return Buffer.from(readIssuerAndSerial(certificate).serialNumberBytes).toString('hex').toUpperCase();
}

let cached: Promise<Fixture> | undefined;
function fixture(): Promise<Fixture> {
  cached ??= (async () => {
    const p = await pipeline();
    const signer = issueSignerCertificate(p.keys, { name: 'Revoked Signer' }, { clock: fixedClock(SIGNING_TIME) });
    const serial = readIssuerAndSerial(signer.certificate).serialNumberBytes;
    const window = { thisUpdate: new Date(T.getTime() - 20_000), nextUpdate: new Date(T.getTime() + 7 * 86_400_000) };
    return {
      p,
      signer,
      revokingCrl: issueCrl(p.keys.signingCa, { ...window, revoked: [{ serial, date: new Date(T.getTime() - 30_000) }] }),
      cleanCrl: issueCrl(p.keys.signingCa, window),
      rootCrl: issueCrl(p.keys.root, window),
      ocsp: ocspResponses(p, signer),
    };
  })();
  return cached;
}

/** The CMS of our builder with RevocationInfoChoices added: CRLs, and OCSP responses as RFC 5940 OtherRevocationInfoFormat. */
function withRevocationChoices(cms: Uint8Array, crls: readonly Uint8Array[], ocsps: readonly Uint8Array[]): Uint8Array {
  const [type, explicit] = readChildren(cms, readElement(cms, 0));
  const [signedData] = readChildren(cms, explicit!);
  const parts = readChildren(cms, signedData!).map((part) => elementBytes(cms, part));
  const choices = [...crls, ...ocsps.map((ocsp) => tlv(0xa1, derOid(OID.riOcspResponse), ocsp))];
  const rebuilt = derSequence(...parts.slice(0, -1), tlv(0xa1, ...choices), parts[parts.length - 1]!);
  return derSequence(elementBytes(cms, type!), tlv(0xa0, rebuilt));
}

/** A CMS whose signed attributes include adbe-revocationInfoArchival, signed here with node crypto. */
function adobeCms(signer: SignerCredentials, digest: Uint8Array, crls: readonly Uint8Array[], ocsps: readonly Uint8Array[]): Uint8Array {
  const { issuerDer, serialNumberBytes } = readIssuerAndSerial(signer.certificate);
  const archival = derSequence(
    ...(crls.length ? [derExplicit(0, derSequence(...crls))] : []),
    ...(ocsps.length ? [derExplicit(1, derSequence(...ocsps))] : []),
  );
  const signedAttributes = derSetOf([
    contentTypeAttribute(OID.data),
    messageDigestAttribute(digest),
    signingCertificateV2Attribute({ certHash: hash('SHA-256', signer.certificate), hashAlgorithm: 'SHA-256', issuerDer, serialNumberBytes }),
    encodeAttribute(OID.adbeRevocationInfoArchival, [archival]),
  ]);
  const signature = signWithKey(signer.privateKey, 'SHA-256', signedAttributes);
  const implicit = new Uint8Array(signedAttributes);
  implicit[0] = 0xa0;
  const signerInfo = derSequence(
    derSmallInteger(1), derSequence(issuerDer, tlv(TAG.INTEGER, serialNumberBytes)), digestAlgorithmIdentifier('SHA-256'),
    implicit, signatureAlgorithmFor(signer.privateKey, 'SHA-256').algorithmIdentifier, derOctetString(signature),
  );
  const signedData = derSequence(
    derSmallInteger(1), derSetOf([digestAlgorithmIdentifier('SHA-256')]), derSequence(derOid(OID.data)),
    tlv(0xa0, ...[signer.certificate, ...signer.chain]), derSetOf([signerInfo]),
  );
  return derSequence(derOid(OID.signedData), derExplicit(0, signedData));
}

interface Placement {
  /** Another signer than the one the fixture's CRLs and OCSP answers are about. */
  signer?: SignerCredentials;
  /** A signature-time-stamp from the pipeline's TSA at the signing time (B-T and up). */
  timestamped?: boolean;
  cmsCrls?: Uint8Array[];
  cmsOcsps?: Uint8Array[];
  adobeCrls?: Uint8Array[];
  adobeOcsps?: Uint8Array[];
  /** Added to a DSS in an update after the signature; `vri` puts them in a /VRI entry instead. */
  dss?: { crls?: Uint8Array[]; ocsps?: Uint8Array[]; vri?: boolean };
}

async function signAndVerify(placement: Placement): Promise<SignatureResult> {
  const f = await fixture();
  const signer = placement.signer ?? f.signer;
  const adobe = placement.adobeCrls || placement.adobeOcsps;
  let pdf = await signWith(f.p.assembled, {
    field: FIELD,
    estimatedSize: 16000,
    sign: async (digest) => adobe
      ? adobeCms(signer, digest, placement.adobeCrls ?? [], placement.adobeOcsps ?? [])
      : withRevocationChoices(await buildSignedData({
  signedAttributes: PADES_BASELINE_B,
        digestAlgorithm: 'SHA-256', contentDigest: digest, signer,
        ...(placement.timestamped ? { timestamper: BuiltinTsa.fromKeys(f.p.keys, fixedClock(SIGNING_TIME)) } : {}),
      }), placement.cmsCrls ?? [], placement.cmsOcsps ?? []),
  });
  if (placement.dss) {
    const { crls = [], ocsps = [], vri = false } = placement.dss;
    pdf = appendUpdate(pdf, (file, update) => {
      const streams = (items: Uint8Array[]): PdfObject[] => items.map((der) => {
        const ref = update.allocate();
        update.set(ref, new PdfStream(new PdfDict(), der));
        return ref;
      });
      const entries: Record<string, PdfObject> = vri
        ? { CRL: streams(crls), OCSP: streams(ocsps) }
        : { CRLs: streams(crls), OCSPs: streams(ocsps) };
      const dss = vri ? dict({ Type: name('DSS'), VRI: dict({ ['0'.repeat(40)]: dict(entries) }) }) : dict({ Type: name('DSS'), ...entries });
      update.set(file.trailer().getRef('Root')!, file.catalog().clone().set('DSS', dss));
    });
  }
  const report = await verifyPdf(pdf, { trustAnchors: [f.p.rootDer], crypto, clock: fixedClock(VERIFY_AT.toISOString()) });
  return report.signatures.find((signature) => signature.field === FIELD)!;
}

function codes(result: SignatureResult): string[] {
  return result.problems.map((problem) => problem.code);
}

describe('revocation data from everywhere a signer puts it', () => {
  it('accepts a signer whose chain CRLs sit in the CMS crls field, and calls revocation checked', async () => {
    const f = await fixture();
    const result = await signAndVerify({ cmsCrls: [f.cleanCrl, f.rootCrl] });
    expect(result.indication).toBe('TOTAL_PASSED');
    expect(result.chain?.revocationChecked).toBe(true);
    expect(codes(result)).not.toContain('REVOCATION_UNKNOWN');
  });

  it('reports REVOCATION_UNKNOWN when nothing covers the chain', async () => {
    const result = await signAndVerify({});
    expect(result.chain?.revocationChecked).toBe(false);
    expect(codes(result)).toContain('REVOCATION_UNKNOWN');
  });

  it.each([
    ['the CMS crls field', (f: Fixture): Placement => ({ cmsCrls: [f.revokingCrl, f.rootCrl] })],
    ['the Adobe revocationInfoArchival attribute', (f: Fixture): Placement => ({ adobeCrls: [f.revokingCrl, f.rootCrl] })],
    ['the DSS of a later revision', (f: Fixture): Placement => ({ dss: { crls: [f.revokingCrl, f.rootCrl] } })],
    ['a VRI entry of the DSS', (f: Fixture): Placement => ({ dss: { crls: [f.revokingCrl, f.rootCrl], vri: true } })],
  ])('refuses a signer revoked by a CRL in %s', async (_where, placement) => {
    const result = await signAndVerify(placement(await fixture()));
    expect(result.indication).toBe('TOTAL_FAILED');
    expect(result.subIndication).toBe('REVOKED');
    expect(result.problems.find((problem) => problem.code === 'CERTIFICATE_REVOKED')?.detail).toContain('(CRL)');
  });

  it.each([
    ['from the CA itself in the CMS (RFC 5940)', (f: Fixture): Placement => ({ cmsOcsps: [f.ocsp.good], cmsCrls: [f.rootCrl] })],
    ['from a delegated responder in the Adobe attribute', (f: Fixture): Placement => ({ adobeOcsps: [f.ocsp.delegatedGood], adobeCrls: [f.rootCrl] })],
    ['in the DSS /OCSPs', (f: Fixture): Placement => ({ dss: { ocsps: [f.ocsp.good], crls: [f.rootCrl] } })],
  ])('accepts an OCSP "good" answer %s', async (_where, placement) => {
    const result = await signAndVerify(placement(await fixture()));
    expect(result.indication).toBe('TOTAL_PASSED');
    expect(result.chain?.revocationChecked).toBe(true);
  });

  it('names the OCSP response and the CRL it drew on by their SHA-256 (the ETSI report lists them as validation objects)', async () => {
    const f = await fixture();
    const result = await signAndVerify({ cmsOcsps: [f.ocsp.good], cmsCrls: [f.rootCrl] });
    const sha256 = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');
    expect(result.chain?.revocationData).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'OCSP', sha256: sha256(f.ocsp.good), issuer: expect.stringContaining('Signing CA') }),
      expect.objectContaining({ type: 'CRL', sha256: sha256(f.rootCrl), issuer: expect.stringContaining('Root CA') }),
    ]));
    expect(result.chain?.revocationData).toHaveLength(2);
  });

  it.each([
    ['from the CA itself in the CMS', (f: Fixture): Placement => ({ cmsOcsps: [f.ocsp.revoked], cmsCrls: [f.rootCrl] })],
    ['from a delegated responder in the DSS', (f: Fixture): Placement => ({ dss: { ocsps: [f.ocsp.delegatedRevoked], crls: [f.rootCrl] } })],
    ['in the Adobe attribute', (f: Fixture): Placement => ({ adobeOcsps: [f.ocsp.revoked], adobeCrls: [f.rootCrl] })],
  ])('refuses a signer on an OCSP "revoked" answer %s', async (_where, placement) => {
    const result = await signAndVerify(placement(await fixture()));
    expect(result.indication).toBe('TOTAL_FAILED');
    expect(result.subIndication).toBe('REVOKED');
    expect(result.problems.find((problem) => problem.code === 'CERTIFICATE_REVOKED')?.detail).toContain('(OCSP)');
  });

  it('reaches B-LT with the validation data inside the signature, and with a DSS added in a later revision', async () => {
    const f = await fixture();
    const inside = await signAndVerify({ timestamped: true, cmsOcsps: [f.ocsp.good], cmsCrls: [f.rootCrl] });
    expect(inside.indication).toBe('TOTAL_PASSED');
    expect(inside.level).toBe('B-LT');
    const later = await signAndVerify({ timestamped: true, dss: { crls: [f.cleanCrl, f.rootCrl] } });
    expect(later.indication).toBe('TOTAL_PASSED');
    expect(later.level).toBe('B-LT');
    const none = await signAndVerify({ timestamped: true });
    expect(none.level).toBe('B-T');
    // The revocation at T - 30 s precedes the proven time T: still revoked.
    const revoked = await signAndVerify({ timestamped: true, cmsCrls: [f.revokingCrl, f.rootCrl] });
    expect(revoked.subIndication).toBe('REVOKED');
  });

  it('does not take an OCSP answer about another certificate as one about this signer (CertID serial)', async () => {
    const f = await fixture();
    const other = issueSignerCertificate(f.p.keys, { name: 'Other Signer' }, { clock: fixedClock(SIGNING_TIME) });
    const result = await signAndVerify({ signer: other, cmsOcsps: [f.ocsp.revoked, f.ocsp.good], cmsCrls: [f.rootCrl] });
    expect(codes(result)).not.toContain('CERTIFICATE_REVOKED');
    expect(codes(result)).toContain('REVOCATION_UNKNOWN');
  });

  it('ignores an OCSP answer from a responder the CA did not authorise (no id-kp-OCSPSigning)', async () => {
    const f = await fixture();
    const result = await signAndVerify({ cmsOcsps: [f.ocsp.unauthorised], cmsCrls: [f.rootCrl] });
    expect(codes(result)).not.toContain('CERTIFICATE_REVOKED');
    expect(codes(result)).toContain('REVOCATION_UNKNOWN');
    expect(result.chain?.revocationChecked).toBe(false);
  });
});
