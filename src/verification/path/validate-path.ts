/**
 * ETSI EN 319 102-1, 5.2.6 (X.509 certificate validation, "XCV"): builds a path from a certificate to
 * one of the configured trust anchors out of the certificates the document carries (CMS, token, DSS),
 * then checks validity at the given time, CA constraints, key usage / EKU and CRL revocation (RFC 5280,
 * 6.1, simplified: no policy or name constraints processing). Pure: all crypto goes through the provider.
 */
import type { CryptoProvider, DigestAlgorithm } from '../../crypto/crypto-provider';
import { PrefixDigests } from '../../crypto/prefix-digests';
import { ParsedCertificate } from '../../pki/certificate';
import { parseCrl, type ParsedCrl } from '../../pki/crl-parse';
import { bytesEqual, sampledHash, toHex } from '../../asn1/der';
import { DerCache, keptOrMade } from '../../asn1/der-cache';
import { parseOcspResponse, type ParsedOcspResponse } from '../../pki/ocsp-parse';
import type { RevocationData } from '../../cms/parse-signed-data';
import { ocspAnswers } from './ocsp-check';
import type { CertificateSummary, ChainFacts, Reason, RevocationSummary } from '../model';

const MAX_PATH_LENGTH = 8;

export type CertificatePurpose = 'signing' | 'timestamping';

/** Everything the path builder may draw on for one document, with memoised signature checks. */
export class ValidationContext {
  /** Certificates by a cheap hash of their DER (collisions are told apart with bytesEqual). */
  private readonly pool = new Map<number, ParsedCertificate[]>();
  readonly crls: ParsedCrl[] = [];
  readonly ocsps: ParsedOcspResponse[] = [];

  private readonly contentDigests: PrefixDigests | undefined;

  /** `documentBytes`: the file whose signatures this context checks, so their byte ranges share one hashing pass. */
  constructor(
    readonly crypto: CryptoProvider,
    readonly anchors: readonly ParsedCertificate[],
    documentBytes?: Uint8Array,
  ) {
    for (const anchor of anchors) this.add(anchor);
    this.contentDigests = documentBytes ? new PrefixDigests(crypto, documentBytes) : undefined;
  }

  /** The digest of signed content (byte ranges of the document, a TSTInfo, a signature value). */
  digestContent(algorithm: DigestAlgorithm, parts: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.contentDigests ? this.contentDigests.digest(algorithm, parts) : this.crypto.digest(algorithm, parts);
  }

  /** Adds a certificate by its DER (duplicates are merged); returns it, or undefined if it does not parse. */
  addDer(der: Uint8Array): ParsedCertificate | undefined {
    const known = this.find(der);
    if (known) return known;
    try {
      return this.add(ParsedCertificate.fromDer(der));
    } catch {
      return undefined;
    }
  }

  /**
   * CRLs and OCSP responses from wherever the document carries them (DSS, VRI, CMS crls, the Adobe
   * attribute); each distinct DER read once, an unreadable one is simply not validation data.
   */
  addRevocationData(data: RevocationData): void {
    for (const der of data.crls) {
      if (this.crls.some((crl) => bytesEqual(crl.der, der))) continue;
      try {
        this.crls.push(parseCrlShared(der));
      } catch {
        // not a CRL
      }
    }
    for (const der of data.ocsps) {
      if (this.ocsps.some((ocsp) => bytesEqual(ocsp.der, der))) continue;
      try {
        this.ocsps.push(parseOcspResponse(new Uint8Array(der)));
      } catch {
        // not an OCSP response
      }
    }
  }

  /** Whether any revocation data at all was found in the document. */
  get hasRevocationData(): boolean {
    return this.crls.length > 0 || this.ocsps.length > 0;
  }

  private find(der: Uint8Array): ParsedCertificate | undefined {
    return this.pool.get(sampledHash(der))?.find((candidate) => bytesEqual(candidate.der, der));
  }

  private add(certificate: ParsedCertificate): ParsedCertificate {
    const known = this.find(certificate.der);
    if (known) return known;
    const key = sampledHash(certificate.der);
    this.pool.set(key, [...(this.pool.get(key) ?? []), certificate]);
    return certificate;
  }

  private *all(): Iterable<ParsedCertificate> {
    for (const bucket of this.pool.values()) yield* bucket;
  }

  isAnchor(certificate: ParsedCertificate): boolean {
    return this.anchors.some((anchor) => bytesEqual(anchor.der, certificate.der));
  }

  /** Candidate issuers by name (and key identifier when both sides state one), anchors first. */
  issuersOf(certificate: ParsedCertificate): ParsedCertificate[] {
    const out: ParsedCertificate[] = [];
    for (const candidate of this.all()) {
      if (!bytesEqual(candidate.subjectDer, certificate.issuerDer)) continue;
      if (certificate.authorityKeyIdentifier && candidate.subjectKeyIdentifier &&
          !bytesEqual(certificate.authorityKeyIdentifier, candidate.subjectKeyIdentifier)) continue;
      out.push(candidate);
    }
    return out.sort((a, b) => Number(this.isAnchor(b)) - Number(this.isAnchor(a)));
  }

  /** Whether `issuer`'s key made the signature on `certificate` (or on a CRL's or OCSP response's TBS). */
  signedBy(subject: { tbs: Uint8Array; signatureAlgorithmOid: string; signatureAlgorithmParameters?: Uint8Array; signature: Uint8Array }, issuer: ParsedCertificate): Promise<boolean> {
    const byIssuer = keptOrMade(keptOrMade(VERIFIED, this.crypto, () => new WeakMap()), subject, () => new Map<ParsedCertificate, Promise<boolean>>());
    return keptOrMade(byIssuer, issuer, () =>
      this.crypto.verify({
        subjectPublicKeyInfo: issuer.subjectPublicKeyInfo,
        algorithmOid: subject.signatureAlgorithmOid,
        algorithmParameters: subject.signatureAlgorithmParameters,
        data: subject.tbs,
        signature: subject.signature,
      }).catch(() => false),
    );
  }

  /** SHA-256 of a DER object (CRL, OCSP response, token), hex: how reports name the validation data used. */
  fingerprint(object: { der: Uint8Array }): Promise<string> {
    return keptOrMade(FINGERPRINTS, object, () => this.crypto.digest('SHA-256', [object.der]).then(toHex));
  }

  /** A certificate's hash (ESS signing-certificate references, fingerprints), computed once per algorithm. */
  certificateDigest(certificate: ParsedCertificate, algorithm: DigestAlgorithm): Promise<Uint8Array> {
    return keptOrMade(keptOrMade(CERTIFICATE_DIGESTS, certificate, () => new Map()), algorithm, () => this.crypto.digest(algorithm, [certificate.der]));
  }

  summary(certificate: ParsedCertificate): Promise<CertificateSummary> {
    return keptOrMade(SUMMARIES, certificate, () =>
      this.certificateDigest(certificate, 'SHA-256').then((hash) => ({
        subject: certificate.subject,
        issuer: certificate.issuer,
        serialHex: certificate.serialNumberHex,
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
        sha256: toHex(hash),
      })),
    );
  }
}

/**
 * Signature checks of certificates and CRLs by subject and issuer object (both shared and immutable, so
 * a batch checks its CA chain once), per crypto provider.
 */
const VERIFIED = new WeakMap<CryptoProvider, WeakMap<object, Map<ParsedCertificate, Promise<boolean>>>>();
const PARSED_CRLS = new DerCache<ParsedCrl>(1024, parseCrl);

/** A CRL parsed once per distinct DER (a batch of documents carries the same current CRLs). */
export function parseCrlShared(der: Uint8Array): ParsedCrl {
  return PARSED_CRLS.get(der);
}

/** Summaries (with the SHA-256 fingerprint) and digests depend on the certificate alone. */
const SUMMARIES = new WeakMap<ParsedCertificate, Promise<CertificateSummary>>();
const CERTIFICATE_DIGESTS = new WeakMap<ParsedCertificate, Map<DigestAlgorithm, Promise<Uint8Array>>>();
const FINGERPRINTS = new WeakMap<object, Promise<string>>();

/** Depth-first search over every candidate issuer, so a look-alike CA with the same name cannot hide the real one. */
async function buildPath(context: ValidationContext, target: ParsedCertificate): Promise<ParsedCertificate[] | undefined> {
  const search = async (path: ParsedCertificate[]): Promise<ParsedCertificate[] | undefined> => {
    const last = path[path.length - 1];
    if (context.isAnchor(last)) return path;
    if (path.length > MAX_PATH_LENGTH) return undefined;
    for (const issuer of context.issuersOf(last)) {
      if (path.includes(issuer)) continue;
      if (!(await context.signedBy(last, issuer))) continue;
      const found = await search([...path, issuer]);
      if (found) return found;
    }
    return undefined;
  };
  return search([target]);
}

export interface ValidatePathOptions {
  purpose: CertificatePurpose;
  /** The time to validate at: a proven time (timestamp) or now. */
  time: Date;
  /** Whether `time` is proven by a timestamp (else an expired certificate has no proof of existence). */
  timeIsProven: boolean;
}

export async function validatePath(context: ValidationContext, target: ParsedCertificate, options: ValidatePathOptions): Promise<ChainFacts> {
  const problems: Reason[] = [];
  const path = await buildPath(context, target);
  const validationTime = options.time.toISOString();
  if (!path) {
    problems.push({ code: 'CHAIN_NOT_TRUSTED', detail: `no path from "${target.subject}" (issuer "${target.issuer}") to a trust anchor` });
    return { certificates: [await context.summary(target)], trusted: false, validationTime, problems, revocationChecked: false };
  }
  const certificates = await Promise.all(path.map((certificate) => context.summary(certificate)));

  path.forEach((certificate, index) => {
    if (options.time.getTime() > certificate.notAfter.getTime()) {
      problems.push({
        code: 'CERTIFICATE_EXPIRED_NO_POE',
        detail: `"${certificate.subject}" expired ${certificate.notAfter.toISOString()}, before ${validationTime}${options.timeIsProven ? '' : ' (no timestamp proves an earlier time)'}`,
      });
    } else if (options.time.getTime() < certificate.notBefore.getTime()) {
      problems.push({ code: 'CERTIFICATE_NOT_YET_VALID', detail: `"${certificate.subject}" is valid from ${certificate.notBefore.toISOString()}, after ${validationTime}` });
    }
    if (index > 0 && !context.isAnchor(certificate)) {
      const constraints = certificate.basicConstraints;
      if (!constraints?.ca) problems.push({ code: 'CHAIN_CONSTRAINTS', detail: `"${certificate.subject}" issues certificates but is not a CA` });
      // pathLenConstraint counts the non-self-issued intermediates below this CA (RFC 5280, 4.2.1.9).
      if (constraints?.pathLength !== undefined && index - 1 > constraints.pathLength) {
        problems.push({ code: 'CHAIN_CONSTRAINTS', detail: `"${certificate.subject}" allows ${constraints.pathLength} intermediate CAs below it` });
      }
    }
    if (index > 0 && certificate.keyUsage && !certificate.keyUsage.includes('keyCertSign')) {
      problems.push({ code: 'CHAIN_CONSTRAINTS', detail: `"${certificate.subject}" lacks keyUsage keyCertSign` });
    }
  });

  const leaf = path[0];
  if (options.purpose === 'signing') {
    if (leaf.keyUsage && !leaf.keyUsage.includes('digitalSignature') && !leaf.keyUsage.includes('nonRepudiation')) {
      problems.push({ code: 'KEY_USAGE', detail: `"${leaf.subject}" keyUsage ${leaf.keyUsage.join(', ')} allows no signatures` });
    }
  } else {
    if (!leaf.isTimeStampingCertificate) {
      problems.push({ code: 'TIMESTAMP_NOT_FOR_TIMESTAMPING', detail: `"${leaf.subject}" is not a time-stamping certificate (critical EKU timeStamping)` });
    }
  }

  let revocationChecked = true;
  const revocationData: RevocationSummary[] = [];
  const used = async (type: RevocationSummary['type'], object: { der: Uint8Array }, issuedAt: Date, issuer: ParsedCertificate): Promise<void> => {
    const sha256 = await context.fingerprint(object);
    if (!revocationData.some((known) => known.sha256 === sha256)) revocationData.push({ type, issuer: issuer.subject, issuedAt: issuedAt.toISOString(), sha256 });
  };
  for (let index = 0; index < path.length - 1; index++) {
    const certificate = path[index];
    const issuer = path[index + 1];
    const crls: ParsedCrl[] = [];
    for (const crl of context.crls) {
      if (bytesEqual(crl.issuerDer, issuer.subjectDer) && (await context.signedBy(crl, issuer))) crls.push(crl);
    }
    // Any CRL of the issuer can prove a revocation; only one still current at the validation time proves
    // there was none (RFC 5280, 6.3.3 (a)).
    const current = (next: Date | undefined): boolean => !next || next.getTime() >= options.time.getTime();
    // An OCSP answer is judged as a CRL is: "good" proves no revocation only while current (RFC 6960, 4.2.2.1);
    // "unknown" proves nothing.
    const found = await ocspAnswers(context, certificate, issuer);
    const answers = found.map((entry) => entry.single);
    if (!crls.some((crl) => current(crl.nextUpdate)) && !answers.some((answer) => answer.status !== 'unknown' && current(answer.nextUpdate))) revocationChecked = false;
    for (const crl of crls) await used('CRL', crl, crl.thisUpdate, issuer);
    for (const { response, producedAt } of found) await used('OCSP', response, producedAt, issuer);
    const revocations = [
      ...crls.flatMap((crl) => crl.revoked.filter((revoked) => revoked.serialHex === certificate.serialNumberHex).map((revoked) => ({ date: revoked.revocationDate, by: 'CRL' }))),
      ...answers.filter((answer) => answer.status === 'revoked').map((answer) => ({ date: answer.revocationTime ?? answer.thisUpdate, by: 'OCSP' })),
    ];
    // A revocation after the proven time does not touch a signature that existed before it (EN 319 102-1, 5.6.2.4).
    const revocation = revocations.find((entry) => !options.timeIsProven || entry.date.getTime() <= options.time.getTime());
    if (revocation) {
      problems.push({ code: 'CERTIFICATE_REVOKED', detail: `"${certificate.subject}" revoked ${revocation.date.toISOString()} by "${issuer.subject}" (${revocation.by})` });
    }
  }
  return { certificates, trusted: true, validationTime, problems, revocationChecked, ...(revocationData.length > 0 ? { revocationData } : {}) };
}
