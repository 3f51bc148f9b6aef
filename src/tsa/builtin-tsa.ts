/**
 * The built-in time-stamping authority (RFC 3161): signs TSTInfo tokens with the keys folder's TSA key
 * and certificate, in-process for signing and through `handleRequest` for HTTP `/tsa`. Time comes from
 * the injected clock; with a pinned clock the same imprint gives a byte-identical token (RSA PKCS#1 v1.5).
 */
import { createHash, type KeyObject } from 'node:crypto';
import type { Clock } from '../clock';
import { JusteraError } from '../errors';
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { digestAlgorithmIdentifier } from '../cms/cms-attributes';
import { essSigningCertificateV2, hash, writeSignedData } from '../cms/signed-data-writer';
import { ParsedCertificate } from '../pki/certificate';
import {
  TAG,
  derExplicit,
  derGeneralizedTime,
  derOctetString,
  derOid,
  derSequence,
  derSmallInteger,
  derUnsignedInteger,
  tlv,
} from '../asn1/der';
import { DIGEST_LENGTHS, JUSTERA_OID, OID, digestAlgorithmFromOid } from '../asn1/oids';
import { decodeTimeStampRequest, encodeTimeStampResponse, type PkiFailure } from './timestamp-request';
import type { IssuedTimestamp, Timestamper } from './timestamper';

export interface BuiltinTsaOptions {
  certificate: Uint8Array;
  privateKey: KeyObject;
  /** The CAs above the TSA certificate, up to the root (for the DSS); default none. */
  chain?: readonly Uint8Array[];
  clock: Clock;
  /** TSA policy (TSTInfo.policy); default JUSTERA_OID.timestampPolicy. */
  policyOid?: string;
  /** Stated accuracy of genTime in milliseconds; default 1000. */
  accuracyMs?: number;
}

interface TokenRequest {
  /** MessageImprint DER, echoed unchanged into TSTInfo (RFC 3161 §2.4.2). */
  messageImprintDer: Uint8Array;
  nonceBytes?: Uint8Array;
  certReq: boolean;
}

/** A TimeStampReq without extensions is under 200 bytes. */
const MAX_REQUEST_BYTES = 4096;
const ACCEPTED_DIGESTS: readonly DigestAlgorithm[] = ['SHA-256', 'SHA-384', 'SHA-512'];

export class BuiltinTsa implements Timestamper {
  readonly policyOid: string;
  readonly maxTokenSize: number;
  readonly certificateChain: readonly Uint8Array[];
  private readonly certificate: Uint8Array;
  private readonly privateKey: KeyObject;
  private readonly clock: Clock;
  private readonly accuracyMs: number;
  private readonly tsaName: Uint8Array;
  private readonly certificateHash: Uint8Array;
  private readonly parsed: ParsedCertificate;
  /** The same attribute in every token: encoded once. */
  private readonly signingCertificateAttribute: Uint8Array;

  constructor(options: BuiltinTsaOptions) {
    const parsed = ParsedCertificate.fromDer(options.certificate);
    this.parsed = parsed;
    this.certificate = options.certificate;
    this.certificateChain = [options.certificate, ...(options.chain ?? [])];
    this.certificateHash = hash('SHA-256', options.certificate);
    this.signingCertificateAttribute = essSigningCertificateV2(options.certificate);
    this.privateKey = options.privateKey;
    this.clock = options.clock;
    this.policyOid = options.policyOid ?? JUSTERA_OID.timestampPolicy;
    this.accuracyMs = options.accuracyMs ?? 1000;
    // TSTInfo.tsa: GeneralName directoryName [4] with the TSA certificate's subject (RFC 3161 §2.4.2).
    this.tsaName = derExplicit(0, derExplicit(4, parsed.subjectDer));
    const signatureBytes = Math.ceil((options.privateKey.asymmetricKeyDetails?.modulusLength ?? 4096) / 8) + 16;
    this.maxTokenSize = options.certificate.length + signatureBytes + 2 * parsed.subjectDer.length + 1024;
  }

  /** The keys folder's TSA (ca/keys-folder.ts KeyMaterial; named by shape, so tsa/ needs nothing of ca/). */
  static fromKeys(keys: { tsa: { certificate: Uint8Array; privateKey: KeyObject }; tsaChain: readonly Uint8Array[] }, clock: Clock): BuiltinTsa {
    return new BuiltinTsa({ certificate: keys.tsa.certificate, privateKey: keys.tsa.privateKey, chain: keys.tsaChain, clock });
  }

  /** A token over `messageImprint` that includes the TSA certificate (the token we embed must carry it). */
  async timestamp(messageImprint: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<Uint8Array> {
    return (await this.issue(messageImprint, digestAlgorithm)).token;
  }

  /** timestamp's token with its genTime and certificates, as issued: signing needs them for the DSS and need not parse the token. */
  async issue(messageImprint: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<IssuedTimestamp> {
    if (!ACCEPTED_DIGESTS.includes(digestAlgorithm) || messageImprint.length !== DIGEST_LENGTHS[digestAlgorithm]) {
      throw new JusteraError('ERR_INPUT_INVALID', `a ${digestAlgorithm} imprint of ${messageImprint.length} bytes cannot be time-stamped`, {
        field: 'messageImprint',
      });
    }
    return this.issueToken({
      messageImprintDer: derSequence(digestAlgorithmIdentifier(digestAlgorithm), derOctetString(messageImprint)),
      certReq: true,
    });
  }

  /** RFC 3161 TimeStampReq DER in, TimeStampResp DER out: granted, or rejection with a failInfo bit. */
  async handleRequest(requestDer: Uint8Array): Promise<Uint8Array> {
    const reject = (failure: PkiFailure, text: string) => encodeTimeStampResponse({ failure, text });
    if (requestDer.length > MAX_REQUEST_BYTES) return reject('badRequest', `the request has ${requestDer.length} bytes; at most ${MAX_REQUEST_BYTES} are accepted`);
    let decoded: ReturnType<typeof decodeTimeStampRequest>;
    try {
      decoded = decodeTimeStampRequest(requestDer);
    } catch {
      return reject('badDataFormat', 'the request is not a DER TimeStampReq');
    }
    const { request } = decoded;
    if (request.version !== 1) return reject('badRequest', `TimeStampReq version ${request.version} is not supported (expected 1)`);
    const algorithm = digestAlgorithmFromOid(request.messageImprint.hashAlgorithm.algorithm);
    if (!algorithm || !ACCEPTED_DIGESTS.includes(algorithm)) {
      return reject('badAlg', `hash algorithm ${request.messageImprint.hashAlgorithm.algorithm} is not accepted; use SHA-256, SHA-384 or SHA-512`);
    }
    const imprint = new Uint8Array(request.messageImprint.hashedMessage.buffer);
    if (imprint.length !== DIGEST_LENGTHS[algorithm]) {
      return reject('badDataFormat', `a ${algorithm} imprint has ${DIGEST_LENGTHS[algorithm]} bytes, not ${imprint.length}`);
    }
    if (request.reqPolicy !== undefined && request.reqPolicy !== this.policyOid) {
      return reject('unacceptedPolicy', `policy ${request.reqPolicy} is not offered; this TSA issues under ${this.policyOid}`);
    }
    if (request.extensions && request.extensions.length > 0) return reject('unacceptedExtension', 'request extensions are not supported');
    try {
      const { token } = await this.issueToken({
        messageImprintDer: decoded.messageImprintDer,
        ...(decoded.nonceBytes && { nonceBytes: decoded.nonceBytes }),
        certReq: request.certReq,
      });
      return encodeTimeStampResponse({ token });
    } catch (error) {
      return reject('systemFailure', `the time-stamp could not be issued${error instanceof JusteraError ? `: ${error.message}` : ''}`);
    }
  }

  private async issueToken(request: TokenRequest): Promise<IssuedTimestamp> {
    const genTime = this.clock.now();
    if (!this.parsed.isValidAt(genTime)) {
      throw new JusteraError(
        'ERR_KEYS_INVALID',
        `the TSA certificate "${this.parsed.subject}" is valid from ${this.parsed.notBefore.toISOString()} to ${this.parsed.notAfter.toISOString()}, not at ${genTime.toISOString()}`,
      );
    }
    const tstInfo = derSequence(
      derSmallInteger(1),
      derOid(this.policyOid),
      request.messageImprintDer,
      derUnsignedInteger(this.serialFor(request, genTime)),
      derGeneralizedTime(genTime),
      ...this.accuracy(),
      ...(request.nonceBytes ? [tlv(TAG.INTEGER, request.nonceBytes)] : []),
      this.tsaName,
    );
    const certificates = request.certReq ? [this.certificate] : [];
    const token = await writeSignedData({
      digestAlgorithm: 'SHA-256',
      contentType: OID.tstInfo,
      content: tstInfo,
      contentDigest: hash('SHA-256', tstInfo),
      certificate: this.certificate,
      privateKey: this.privateKey,
      // RFC 3161 §2.4.2 with RFC 5816: the token names the TSA certificate in ESS signing-certificate(-v2).
      signedAttributes: [this.signingCertificateAttribute],
      certificates,
    });
    return { token, genTime, certificates };
  }

  /**
   * The serial number is a hash of everything the token states (TSA certificate, policy, imprint, time,
   * nonce, certReq), so two different tokens never share one (RFC 3161 §2.4.2 wants it unique) while the
   * same request at the same pinned time gives the same token again, as reproducible assembly needs.
   */
  private serialFor(request: TokenRequest, genTime: Date): Uint8Array {
    const time = Buffer.alloc(8);
    time.writeBigInt64BE(BigInt(genTime.getTime()));
    const digest = createHash('sha256')
      .update(this.certificateHash)
      .update(this.policyOid)
      .update(request.messageImprintDer)
      .update(time)
      .update(request.nonceBytes ?? new Uint8Array(0))
      .update(request.certReq ? '1' : '0')
      .digest()
      .subarray(0, 16);
    digest[0] = (digest[0]! & 0x7f) | 0x01;
    return new Uint8Array(digest);
  }

  /** Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] IMPLICIT INTEGER OPTIONAL, … } (RFC 3161 §2.4.2). */
  private accuracy(): Uint8Array[] {
    const seconds = Math.floor(this.accuracyMs / 1000);
    const millis = this.accuracyMs % 1000;
    const parts: Uint8Array[] = [];
    if (seconds > 0) parts.push(derSmallInteger(seconds));
    if (millis > 0) {
      const integer = derSmallInteger(millis);
      integer[0] = 0x80;
      parts.push(integer);
    }
    return parts.length ? [derSequence(...parts)] : [];
  }
}
