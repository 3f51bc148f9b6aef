/**
 * What the OCSP responses a document carries say about one certificate (RFC 6960): only responses whose
 * BasicOCSPResponse signature verifies under an authorised responder's key count (4.2.2.2: the CA itself,
 * or a certificate the CA issued with EKU id-kp-OCSPSigning), and only SingleResponses whose CertID names
 * this certificate under this issuer (issuer name hash, issuer key hash, serial, with the CertID's hash).
 */
import { ParsedCertificate } from '../../pki/certificate';
import { bytesEqual, contentBytes, readChildren, readElement } from '../../asn1/der';
import type { BasicOcspResponse, OcspSingleResponse, ParsedOcspResponse } from '../../pki/ocsp-parse';
import { digestAlgorithmFromOid, OID } from '../../asn1/oids';
import type { ValidationContext } from './validate-path';

/** The subjectPublicKey BIT STRING's value, which CertID.issuerKeyHash and ResponderID byKey hash (4.1.1). */
function publicKeyBits(certificate: ParsedCertificate): Uint8Array {
  const spki = certificate.subjectPublicKeyInfo;
  const [, bits] = readChildren(spki, readElement(spki, 0));
  return contentBytes(spki, bits!).subarray(1);
}

async function namesResponder(context: ValidationContext, basic: BasicOcspResponse, candidate: ParsedCertificate): Promise<boolean> {
  if ('nameDer' in basic.responderId) return bytesEqual(basic.responderId.nameDer, candidate.subjectDer);
  return bytesEqual(basic.responderId.keyHash, await context.crypto.digest('SHA-1', [publicKeyBits(candidate)]));
}

/** Whether the response is signed by `issuer` or by a responder `issuer` delegated (RFC 6960, 4.2.2.2). */
async function authorisedBy(context: ValidationContext, basic: BasicOcspResponse, issuer: ParsedCertificate): Promise<boolean> {
  if ((await namesResponder(context, basic, issuer)) && (await context.signedBy(basic, issuer))) return true;
  for (const der of basic.certificates) {
    const delegate = context.addDer(der);
    if (!delegate || !bytesEqual(delegate.issuerDer, issuer.subjectDer)) continue;
    if (!delegate.extendedKeyUsage?.oids.includes(OID.kpOcspSigning) || !delegate.isValidAt(basic.producedAt)) continue;
    if (!(await namesResponder(context, basic, delegate))) continue;
    if ((await context.signedBy(delegate, issuer)) && (await context.signedBy(basic, delegate))) return true;
  }
  return false;
}

async function namesCertificate(context: ValidationContext, single: OcspSingleResponse, certificate: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> {
  if (single.certId.serialHex !== certificate.serialNumberHex) return false;
  const algorithm = digestAlgorithmFromOid(single.certId.hashAlgorithmOid);
  if (!algorithm) return false;
  const [nameHash, keyHash] = await Promise.all([
    context.crypto.digest(algorithm, [issuer.subjectDer]),
    context.crypto.digest(algorithm, [publicKeyBits(issuer)]),
  ]);
  return bytesEqual(nameHash, single.certId.issuerNameHash) && bytesEqual(keyHash, single.certId.issuerKeyHash);
}

export interface OcspAnswer {
  single: OcspSingleResponse;
  /** The response that carries it (reports name it as validation data). */
  response: ParsedOcspResponse;
  producedAt: Date;
}

/** The authentic single responses about `certificate` among the document's OCSP responses. */
export async function ocspAnswers(context: ValidationContext, certificate: ParsedCertificate, issuer: ParsedCertificate): Promise<OcspAnswer[]> {
  const out: OcspAnswer[] = [];
  for (const response of context.ocsps) {
    const basic = response.basic;
    if (response.status !== 'successful' || !basic) continue;
    const about: OcspSingleResponse[] = [];
    for (const single of basic.responses) if (await namesCertificate(context, single, certificate, issuer)) about.push(single);
    if (about.length > 0 && (await authorisedBy(context, basic, issuer))) out.push(...about.map((single) => ({ single, response, producedAt: basic.producedAt })));
  }
  return out;
}
