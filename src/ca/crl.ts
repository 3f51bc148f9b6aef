/**
 * Certificate revocation lists (RFC 5280 §5): issuing a v2 CRL with CRL number and authority key
 * identifier, and the cached "current" CRL of a keys folder's CA for the DSS and for HTTP serving.
 */
import type { Clock } from '../clock';
import { derCertificateTime, derExplicit, derSequence, derSmallInteger, derUnsignedInteger, fromHex } from '../asn1/der';
import type { CertifiedKey, KeyMaterial } from './keys-folder';
import { signWithKey, signatureAlgorithmFor } from '../crypto/key-signing';
import { OID } from '../asn1/oids';
import { authorityKeyIdentifierExtension, encodeExtension, encodeSignedStructure } from './x509-encoding';

export interface RevokedCertificate {
  /** Serial number as hex (as ParsedCertificate.serialNumberHex) or magnitude bytes. */
  serial: string | Uint8Array;
  date: Date;
}

export interface CrlOptions {
  thisUpdate: Date;
  nextUpdate: Date;
  revoked?: readonly RevokedCertificate[];
  /** Defaults to thisUpdate in whole seconds since 1970, which grows with every reissue and is deterministic. */
  crlNumber?: number;
}

export function issueCrl(issuer: CertifiedKey, options: CrlOptions): Uint8Array {
  const algorithm = signatureAlgorithmFor(issuer.privateKey, 'SHA-256');
  const crlNumber = options.crlNumber ?? Math.floor(options.thisUpdate.getTime() / 1000);
  const revoked = options.revoked ?? [];
  const revokedList = revoked.length
    ? [
        derSequence(
          ...revoked.map((entry) =>
            derSequence(derUnsignedInteger(typeof entry.serial === 'string' ? fromHex(entry.serial) : entry.serial), derCertificateTime(entry.date)),
          ),
        ),
      ]
    : [];
  const extensions = [
    ...(issuer.parsed.subjectKeyIdentifier ? [authorityKeyIdentifierExtension(issuer.parsed.subjectKeyIdentifier)] : []),
    encodeExtension(OID.cRLNumber, false, derSmallInteger(crlNumber)),
  ];
  const tbs = derSequence(
    derSmallInteger(1),
    algorithm.algorithmIdentifier,
    issuer.parsed.subjectDer,
    derCertificateTime(options.thisUpdate),
    derCertificateTime(options.nextUpdate),
    ...revokedList,
    derExplicit(0, derSequence(...extensions)),
  );
  return encodeSignedStructure(tbs, algorithm.algorithmIdentifier, signWithKey(issuer.privateKey, 'SHA-256', tbs));
}

export type CrlIssuerName = 'root-ca' | 'signing-ca';

const CRL_VALIDITY_MS = 7 * 24 * 3600 * 1000;
const CRL_REISSUE_AFTER_MS = 3600 * 1000;

interface CachedCrl {
  der: Uint8Array;
  thisUpdate: number;
}

const crlCache = new WeakMap<KeyMaterial, Map<CrlIssuerName, CachedCrl>>();

export interface CurrentCrlOptions {
  /** The CRL must have been issued at or after this time (e.g. the signing time it is to vouch for). */
  issuedNoEarlierThan?: Date;
}

/**
 * The CA's current CRL: 7 days of validity, reissued when an hour old, when the clock is before its
 * thisUpdate, or when the caller needs one issued no earlier than a given time. No certificate of ours is
 * revoked yet (there is no revocation store), so the list is empty.
 * A CRL that must postdate a time-stamp is issued at that genTime (rounded up to the second, the
 * precision of thisUpdate) when the clock is still before it: a TSA's clock may run ahead of ours, and a
 * CRL older than the signature proves nothing about the signing time (ETSI EN 319 102-1, 5.2.5).
 */
export function currentCrl(keys: KeyMaterial, issuer: CrlIssuerName, clock: Clock, options: CurrentCrlOptions = {}): Uint8Array {
  const now = Math.floor(clock.now().getTime() / 1000) * 1000;
  let perKeys = crlCache.get(keys);
  if (!perKeys) crlCache.set(keys, (perKeys = new Map()));
  const cached = perKeys.get(issuer);
  const needed = options.issuedNoEarlierThan ? Math.ceil(options.issuedNoEarlierThan.getTime() / 1000) * 1000 : Number.NEGATIVE_INFINITY;
  if (cached && cached.thisUpdate <= Math.max(now, needed) && now - cached.thisUpdate < CRL_REISSUE_AFTER_MS && cached.thisUpdate >= needed) return cached.der;
  const thisUpdate = Math.max(now, needed);
  const der = issueCrl(issuer === 'root-ca' ? keys.root : keys.signingCa, {
    thisUpdate: new Date(thisUpdate),
    nextUpdate: new Date(thisUpdate + CRL_VALIDITY_MS),
  });
  perKeys.set(issuer, { der, thisUpdate });
  return der;
}

export function currentSigningCaCrl(keys: KeyMaterial, clock: Clock): Uint8Array {
  return currentCrl(keys, 'signing-ca', clock);
}
