/**
 * A read-only view of an OCSP response (RFC 6960, 4.2.1) over its DER: status, the BasicOCSPResponse's
 * signed ResponseData bytes, responder id, the single responses with their CertIDs, the certificates the
 * responder attached. Pure (no Node API), on the same DER walker as the CRL reader; it decodes, the
 * verifier judges.
 */
import { JusteraError } from '../errors';
import { magnitudeHex, readTime } from './crl-parse';
import { structureReader } from '../asn1/structure-reader';
import { contentBytes, elementBytes, readChildren, readElement, readOid, type DerElement } from '../asn1/der';
import { OID } from '../asn1/oids';

/** OCSPResponseStatus (RFC 6960, 4.2.1); only `successful` carries responseBytes. */
export type OcspResponseStatus = 'successful' | 'malformedRequest' | 'internalError' | 'tryLater' | 'sigRequired' | 'unauthorized';
const STATUSES: Record<number, OcspResponseStatus> = { 0: 'successful', 1: 'malformedRequest', 2: 'internalError', 3: 'tryLater', 5: 'sigRequired', 6: 'unauthorized' };

export interface OcspCertId {
  hashAlgorithmOid: string;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  /** Same form as ParsedCertificate.serialNumberHex. */
  serialHex: string;
}

export interface OcspSingleResponse {
  certId: OcspCertId;
  status: 'good' | 'revoked' | 'unknown';
  revocationTime?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface ParsedOcspResponse {
  der: Uint8Array;
  status: OcspResponseStatus;
  /** Present when status is successful and the response type is id-pkix-ocsp-basic. */
  basic?: BasicOcspResponse;
}

export interface BasicOcspResponse {
  /** The DER of tbsResponseData, what the signature covers. */
  tbs: Uint8Array;
  responderId: { nameDer: Uint8Array } | { keyHash: Uint8Array };
  producedAt: Date;
  responses: OcspSingleResponse[];
  signatureAlgorithmOid: string;
  signatureAlgorithmParameters?: Uint8Array;
  signature: Uint8Array;
  certificates: Uint8Array[];
}

const reader = structureReader('OCSP response');
// An explicit type, so that TypeScript narrows after a call (assertion-style control flow).
const fail: (message: string) => never = reader.fail;
const expect = reader.expect;

export function parseOcspResponse(der: Uint8Array): ParsedOcspResponse {
  try {
    const outer = expect(readElement(der, 0), 0x30, 'OCSPResponse');
    if (outer.end !== der.length) fail('bytes after the OCSPResponse');
    const [statusElement, responseBytes] = readChildren(der, outer);
    const statusBytes = contentBytes(der, expect(statusElement, 0x0a, 'responseStatus'));
    const status = statusBytes.length === 1 ? STATUSES[statusBytes[0]!] : undefined;
    if (!status) fail('unknown responseStatus');
    if (status !== 'successful' || !responseBytes) return { der, status };
    const [bytesSequence] = readChildren(der, expect(responseBytes, 0xa0, 'responseBytes'));
    const [type, octets] = readChildren(der, expect(bytesSequence, 0x30, 'ResponseBytes'));
    if (readOid(elementBytes(der, expect(type, 0x06, 'responseType'))) !== OID.ocspBasic) return { der, status };
    const inner = contentBytes(der, expect(octets, 0x04, 'response'));
    return { der, status, basic: parseBasic(inner) };
  } catch (error) {
    if (error instanceof JusteraError) throw error;
    return fail((error as Error).message);
  }
}

function parseBasic(der: Uint8Array): BasicOcspResponse {
  const outer = expect(readElement(der, 0), 0x30, 'BasicOCSPResponse');
  if (outer.end !== der.length) fail('bytes after the BasicOCSPResponse');
  const [tbsElement, algorithm, signature, certs] = readChildren(der, outer);
  const fields = readChildren(der, expect(tbsElement, 0x30, 'ResponseData'));
  let index = fields[0]?.tag === 0xa0 ? 1 : 0;
  const responder = fields[index++];
  let responderId: BasicOcspResponse['responderId'];
  if (responder?.tag === 0xa1) responderId = { nameDer: elementBytes(der, expect(readChildren(der, responder)[0], 0x30, 'responderID byName')) };
  else if (responder?.tag === 0xa2) responderId = { keyHash: contentBytes(der, expect(readChildren(der, responder)[0], 0x04, 'responderID byKey')) };
  else fail('responderID is neither byName nor byKey');
  const producedAt = readTime(der, fields[index++]);
  const responses = readChildren(der, expect(fields[index], 0x30, 'responses')).map((single) => parseSingle(der, single));
  const [oid, parameters] = readChildren(der, expect(algorithm, 0x30, 'signatureAlgorithm'));
  const bits = contentBytes(der, expect(signature, 0x03, 'signature'));
  if (bits.length < 1 || bits[0] !== 0) fail('the signature BIT STRING has unused bits');
  const certificates = certs
    ? readChildren(der, expect(readChildren(der, expect(certs, 0xa0, 'certs'))[0], 0x30, 'certs')).map((certificate) => elementBytes(der, certificate))
    : [];
  return {
    tbs: elementBytes(der, tbsElement!),
    responderId,
    producedAt,
    responses,
    signatureAlgorithmOid: readOid(elementBytes(der, expect(oid, 0x06, 'algorithm'))) ?? fail('bad algorithm OID'),
    ...(parameters && parameters.tag !== 0x05 ? { signatureAlgorithmParameters: elementBytes(der, parameters) } : {}),
    signature: bits.subarray(1),
    certificates,
  };
}

function parseSingle(der: Uint8Array, element: DerElement): OcspSingleResponse {
  const [certIdElement, statusElement, thisUpdate, ...rest] = readChildren(der, expect(element, 0x30, 'SingleResponse'));
  const [hashAlgorithm, nameHash, keyHash, serial] = readChildren(der, expect(certIdElement, 0x30, 'CertID'));
  const [hashOid] = readChildren(der, expect(hashAlgorithm, 0x30, 'CertID.hashAlgorithm'));
  const certId: OcspCertId = {
    hashAlgorithmOid: readOid(elementBytes(der, expect(hashOid, 0x06, 'CertID.hashAlgorithm'))) ?? fail('bad hash OID'),
    issuerNameHash: contentBytes(der, expect(nameHash, 0x04, 'issuerNameHash')),
    issuerKeyHash: contentBytes(der, expect(keyHash, 0x04, 'issuerKeyHash')),
    serialHex: magnitudeHex(contentBytes(der, expect(serial, 0x02, 'serialNumber'))),
  };
  // CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT UnknownInfo }
  let status: OcspSingleResponse['status'];
  let revocationTime: Date | undefined;
  if (statusElement?.tag === 0x80) status = 'good';
  else if (statusElement?.tag === 0x82) status = 'unknown';
  else if (statusElement?.tag === 0xa1) {
    status = 'revoked';
    revocationTime = readTime(der, readChildren(der, statusElement)[0]);
  } else fail('certStatus is not good, revoked or unknown');
  const next = rest[0]?.tag === 0xa0 ? readTime(der, readChildren(der, rest[0])[0]) : undefined;
  return { certId, status, ...(revocationTime ? { revocationTime } : {}), thisUpdate: readTime(der, thisUpdate), ...(next ? { nextUpdate: next } : {}) };
}
