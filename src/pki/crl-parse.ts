/**
 * A read-only view of an X.509 CRL (RFC 5280, 5) over its DER: issuer, update times, revoked serials,
 * the signed TBSCertList bytes. Pure (no Node API); it decodes, the verifier judges. Walked with the DER
 * reader rather than @peculiar/asn1-x509 because a CRL is read on every verification (the DSS carries
 * one per CA) and the schema decoder costs more than the rest of reading it.
 */
import { JusteraError } from '../errors';
import { structureReader } from '../asn1/structure-reader';
import { contentBytes, elementBytes, readChildren, readElement, readOid, toHex, type DerElement } from '../asn1/der';

export interface RevokedEntry {
  /** Serial as lowercase hex of its magnitude (same form as ParsedCertificate.serialNumberHex). */
  serialHex: string;
  revocationDate: Date;
}

export interface ParsedCrl {
  der: Uint8Array;
  tbs: Uint8Array;
  issuerDer: Uint8Array;
  thisUpdate: Date;
  nextUpdate?: Date;
  revoked: RevokedEntry[];
  signatureAlgorithmOid: string;
  signatureAlgorithmParameters?: Uint8Array;
  signature: Uint8Array;
}

const reader = structureReader('X.509 CRL');
// An explicit type, so that TypeScript narrows after a call (assertion-style control flow).
const fail: (message: string) => never = reader.fail;
const expect = reader.expect;

export function parseCrl(der: Uint8Array): ParsedCrl {
  try {
    const outer = expect(readElement(der, 0), 0x30, 'CertificateList');
    if (outer.end !== der.length) fail('bytes after the CertificateList');
    const [tbsElement, algorithm, signature, ...extra] = readChildren(der, outer);
    if (extra.length > 0) fail('CertificateList has extra elements');
    const fields = readChildren(der, expect(tbsElement, 0x30, 'TBSCertList'));
    let index = fields[0]?.tag === 0x02 ? 1 : 0;
    index++; // signature AlgorithmIdentifier (repeated outside, checked there)
    const issuer = expect(fields[index++], 0x30, 'issuer');
    const thisUpdate = readTime(der, fields[index++]);
    const nextUpdate = fields[index] && (fields[index]!.tag === 0x17 || fields[index]!.tag === 0x18) ? readTime(der, fields[index++]) : undefined;
    const revoked: RevokedEntry[] = [];
    if (fields[index]?.tag === 0x30) {
      for (const entry of readChildren(der, fields[index++]!)) {
        const [serial, date] = readChildren(der, expect(entry, 0x30, 'revokedCertificate'));
        revoked.push({ serialHex: magnitudeHex(contentBytes(der, expect(serial, 0x02, 'userCertificate'))), revocationDate: readTime(der, date) });
      }
    }
    const [oid, parameters] = readChildren(der, expect(algorithm, 0x30, 'signatureAlgorithm'));
    const bits = contentBytes(der, expect(signature, 0x03, 'signature'));
    if (bits.length < 1 || bits[0] !== 0) fail('the signature BIT STRING has unused bits');
    return {
      der,
      tbs: elementBytes(der, tbsElement!),
      issuerDer: elementBytes(der, issuer),
      thisUpdate,
      ...(nextUpdate ? { nextUpdate } : {}),
      revoked,
      signatureAlgorithmOid: readOid(elementBytes(der, expect(oid, 0x06, 'algorithm'))) ?? fail('bad algorithm OID'),
      ...(parameters && parameters.tag !== 0x05 ? { signatureAlgorithmParameters: elementBytes(der, parameters) } : {}),
      signature: bits.subarray(1),
    };
  } catch (error) {
    if (error instanceof JusteraError) throw error;
    return fail((error as Error).message);
  }
}

/** RFC 5280 5.1.2.4: UTCTime (1950–2049) or GeneralizedTime, in UTC (also the OCSP times, RFC 6960 4.2.2.1). */
export function readTime(der: Uint8Array, element: DerElement | undefined): Date {
  if (!element || (element.tag !== 0x17 && element.tag !== 0x18)) fail('a time is missing');
  const text = String.fromCharCode(...contentBytes(der, element));
  const match = element.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) fail(`bad time ${JSON.stringify(text)}`);
  let year = Number(match[1]);
  if (element.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])));
}

/** An INTEGER's content as the hex of its magnitude, leading zero octets dropped. */
export function magnitudeHex(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return toHex(bytes.subarray(start));
}
