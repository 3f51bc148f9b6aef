/**
 * A read-only view of an X.509 CRL (RFC 5280, 5) over its DER: issuer, update times, revoked serials,
 * the signed TBSCertList bytes. Pure (no Node API); it decodes, the verifier judges.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList } from '@peculiar/asn1-x509';
import { JusteraError } from '../errors';
import { elementBytes, readChildren, readElement, toHex } from './der';

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

export function parseCrl(der: Uint8Array): ParsedCrl {
  try {
    const list = AsnConvert.parse(der, CertificateList);
    const outer = readElement(der, 0);
    const tbsElement = readChildren(der, outer)[0]!;
    const fields = readChildren(der, tbsElement);
    // TBSCertList: version OPTIONAL (INTEGER), signature, issuer, ...
    const issuerIndex = fields[0]!.tag === 0x02 ? 2 : 1;
    const tbs = list.tbsCertList;
    const parameters = list.signatureAlgorithm.parameters;
    return {
      der,
      tbs: elementBytes(der, tbsElement),
      issuerDer: elementBytes(der, fields[issuerIndex]!),
      thisUpdate: tbs.thisUpdate.getTime(),
      nextUpdate: tbs.nextUpdate?.getTime(),
      revoked: (tbs.revokedCertificates ?? []).map((entry) => ({
        serialHex: magnitudeHex(new Uint8Array(entry.userCertificate)),
        revocationDate: entry.revocationDate.getTime(),
      })),
      signatureAlgorithmOid: list.signatureAlgorithm.algorithm,
      signatureAlgorithmParameters: parameters ? new Uint8Array(parameters) : undefined,
      signature: new Uint8Array(list.signature),
    };
  } catch (error) {
    throw new JusteraError('ERR_CERTIFICATE_MALFORMED', `not a DER X.509 CRL: ${(error as Error).message}`, { cause: error });
  }
}

function magnitudeHex(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return toHex(bytes.subarray(start));
}
