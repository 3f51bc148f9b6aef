/**
 * The signature-service model: for every signature a new ECDSA P-256 key pair and a certificate of a few
 * minutes for the authenticated person, issued by the keys folder's signing CA. The private key is only
 * returned to the caller; nothing here stores it.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Clock } from '../clock';
import { InputError, JusteraError } from '../errors';
import { issueCertificate, keyIdentifier, p256SpkiOf, randomSerial } from './issue-certificate';
import { pkiUrl, type KeyMaterial } from './keys-folder';
import { signatureAlgorithmFor } from '../crypto/key-signing';
import { JUSTERA_OID, OID } from '../asn1/oids';
import type { SignerCredentials, SignerPerson } from '../pades/signer';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  caIssuersExtension,
  certificatePolicyExtension,
  crlDistributionPointsExtension,
  emailSubjectAltNameExtension,
  encodeName,
  keyUsageExtension,
  subjectKeyIdentifierExtension,
  type NameEntry,
} from './x509-encoding';

export interface IssueSignerOptions {
  clock: Clock;
  /** Minutes the certificate stays valid after now; default 10. */
  validityMinutes?: number;
}

/** notBefore lies this far before now, so a verifier whose clock is slightly behind still accepts it. */
const BACKDATE_MS = 5 * 60 * 1000;
const UB_NAME = 64;

/** The parts of a signer certificate that only depend on the signing CA, encoded once per keys folder. */
interface SignerTemplate {
  issuerName: Uint8Array;
  fixedExtensions: Uint8Array[];
}

const templates = new WeakMap<KeyMaterial, SignerTemplate>();

function templateFor(keys: KeyMaterial): SignerTemplate {
  let template = templates.get(keys);
  if (!template) {
    const authorityKeyId = keys.signingCa.parsed.subjectKeyIdentifier;
    template = {
      issuerName: keys.signingCa.parsed.subjectDer,
      fixedExtensions: [
        basicConstraintsExtension(false),
        keyUsageExtension(['digitalSignature', 'nonRepudiation']),
        ...(authorityKeyId ? [authorityKeyIdentifierExtension(authorityKeyId)] : []),
        crlDistributionPointsExtension(pkiUrl(keys.publicBaseUrl, 'signing-ca.crl')),
        caIssuersExtension(pkiUrl(keys.publicBaseUrl, 'signing-ca.crt')),
      ],
    };
    // Fails early (ERR_KEYS_INVALID) for a signing CA key that cannot sign certificates.
    signatureAlgorithmFor(keys.signingCa.privateKey, 'SHA-256');
    templates.set(keys, template);
  }
  return template;
}

export function issueSignerCertificate(keys: KeyMaterial, person: SignerPerson, options: IssueSignerOptions): SignerCredentials {
  const name = checkedText(person.name, 'signer.name', true)!;
  const givenName = checkedText(person.givenName, 'signer.givenName');
  const surname = checkedText(person.surname, 'signer.surname');
  const serialNumber = checkedText(person.serialNumber, 'signer.serialNumber');
  const email = person.email?.trim() || undefined;
  if (email !== undefined && !/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(email)) {
    throw new InputError(`"${email}" is not an e-mail address that fits a certificate (ASCII, one @)`, { field: 'signer.email' });
  }
  const validityMinutes = options.validityMinutes ?? 10;
  if (!(validityMinutes > 0 && validityMinutes <= 24 * 60)) {
    throw new InputError('validityMinutes must be between 0 and 1440', { field: 'validityMinutes' });
  }

  const now = Math.floor(options.clock.now().getTime() / 1000) * 1000;
  const issuer = keys.signingCa.parsed;
  if (!issuer.isValidAt(new Date(now))) {
    throw new JusteraError(
      'ERR_KEYS_INVALID',
      `the signing CA in ${keys.dir} is valid from ${issuer.notBefore.toISOString()} to ${issuer.notAfter.toISOString()}, not at ${new Date(now).toISOString()}`,
    );
  }
  const template = templateFor(keys);
  const subject: NameEntry[] = [{ oid: OID.commonName, value: name }];
  if (givenName) subject.push({ oid: OID.givenName, value: givenName });
  if (surname) subject.push({ oid: OID.surname, value: surname });
  if (serialNumber) subject.push({ oid: OID.serialNumber, value: serialNumber });

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = p256SpkiOf(publicKey);
  const certificate = issueCertificate({
    serialNumber: randomSerial(),
    issuerName: template.issuerName,
    issuerKey: keys.signingCa.privateKey,
    subjectName: encodeName(subject),
    subjectPublicKeyInfo: spki,
    // Never beyond the issuer (RFC 5280 §6.1.3 would reject it in a path); never before it either.
    notBefore: new Date(Math.max(now - BACKDATE_MS, issuer.notBefore.getTime())),
    notAfter: new Date(Math.min(now + validityMinutes * 60 * 1000, issuer.notAfter.getTime())),
    extensions: [
      ...template.fixedExtensions,
      subjectKeyIdentifierExtension(keyIdentifier(spki)),
      certificatePolicyExtension(JUSTERA_OID.signerCertificatePolicy, person.authnLevel?.trim() || undefined),
      ...(email ? [emailSubjectAltNameExtension(email)] : []),
    ],
  });
  return { certificate, privateKey, chain: [...keys.signerChain] };
}

function checkedText(value: string | undefined, field: string, required = false): string | undefined {
  const text = value?.normalize('NFC').trim();
  if (!text) {
    if (required) throw new InputError(`${field} is required`, { field });
    return undefined;
  }
  if (text.length > UB_NAME) throw new InputError(`${field} has ${text.length} characters; a certificate allows at most ${UB_NAME}`, { field });
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new InputError(`${field} contains control characters`, { field });
  return text;
}
