/**
 * The keys folder: a demonstration-grade PKI on disk (root CA, signing CA, TSA, organisation seal) that
 * `justera keys init` creates and everything that signs loads. Files and key types: docs/signing.md.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clock } from '../clock';
import { JusteraError } from '../errors';
import { ParsedCertificate } from '../pki/certificate';
import { issueCrl } from './crl';
import { issueCertificate, keyIdentifier, randomSerial, spkiOf } from './issue-certificate';
import { JUSTERA_OID, OID } from '../asn1/oids';
import { pemEncode } from '../pki/pem';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  caIssuersExtension,
  certificatePolicyExtension,
  crlDistributionPointsExtension,
  encodeName,
  extendedKeyUsageExtension,
  keyUsageExtension,
  subjectKeyIdentifierExtension,
} from './x509-encoding';

export interface CertifiedKey {
  certificate: Uint8Array;
  parsed: ParsedCertificate;
  privateKey: KeyObject;
}

export interface KeyMaterial {
  /** Absolute path of the folder. */
  dir: string;
  organisation: string;
  /** Base of the URLs the certificates name (CRLs, CA certificates), without a trailing slash. */
  publicBaseUrl: string;
  /** ISO time the folder was created. */
  created: string;
  root: CertifiedKey;
  signingCa: CertifiedKey;
  tsa: CertifiedKey;
  seal: CertifiedKey;
  /** root-ca.crl as written by `initKeys` (for a fresh one use `currentCrl(keys, 'root-ca', clock)`). */
  rootCrl: Uint8Array;
  /** The certificates to trust: the root only. */
  trustAnchors: Uint8Array[];
  /** Chains as SignerCredentials.chain wants them: the issuing CAs up to and including the root. */
  signerChain: Uint8Array[];
  tsaChain: Uint8Array[];
  sealChain: Uint8Array[];
}

export const KEYS_FILES = {
  rootCertificate: 'root-ca.crt.pem',
  rootKey: 'root-ca.key.pem',
  signingCaCertificate: 'signing-ca.crt.pem',
  signingCaKey: 'signing-ca.key.pem',
  tsaCertificate: 'tsa.crt.pem',
  tsaKey: 'tsa.key.pem',
  sealCertificate: 'seal.crt.pem',
  sealKey: 'seal.key.pem',
  rootCrl: 'root-ca.crl',
  metadata: 'keys.json',
  readme: 'README.md',
} as const;

/** URL of a CA's CRL and certificate, as the certificates it issues name them. */
export function pkiUrl(publicBaseUrl: string, file: 'root-ca.crl' | 'signing-ca.crl' | 'root-ca.crt' | 'signing-ca.crt'): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/pki/${file}`;
}

export interface InitKeysOptions {
  organisation: string;
  publicBaseUrl: string;
  clock: Clock;
  /** Validity of every certificate from now on; default 30 years. */
  validityYears?: number;
  /** Replace the keys of a folder that already has some. */
  overwrite?: boolean;
}

export function initKeys(dir: string, options: InitKeysOptions): KeyMaterial {
  const organisation = options.organisation.trim();
  if (!organisation || organisation.length > 64) {
    throw new JusteraError('ERR_INPUT_INVALID', 'the organisation name must have 1 to 64 characters', { field: 'organisation' });
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.publicBaseUrl);
    if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new JusteraError('ERR_INPUT_INVALID', `public base URL "${options.publicBaseUrl}" is not an http(s) URL`, { field: 'publicBaseUrl' });
  }
  const publicBaseUrl = baseUrl.href.replace(/\/+$/, '');
  const validityYears = options.validityYears ?? 30;
  if (!Number.isInteger(validityYears) || validityYears < 1 || validityYears > 100) {
    throw new JusteraError('ERR_INPUT_INVALID', `validity of ${validityYears} years is not a whole number from 1 to 100`, { field: 'validityYears' });
  }
  const absolute = resolve(dir);
  if (!options.overwrite && existsSync(join(absolute, KEYS_FILES.rootKey))) {
    throw new JusteraError('ERR_KEYS_INVALID', `${join(absolute, KEYS_FILES.rootKey)} already exists; refusing to replace the keys of ${absolute}`);
  }
  mkdirSync(absolute, { recursive: true });

  const now = options.clock.now();
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + validityYears);

  const rootKeys = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const rootSpki = spkiOf(rootKeys.publicKey);
  const rootKeyId = keyIdentifier(rootSpki);
  const rootName = encodeName([
    { oid: OID.countryName, value: 'SE' },
    { oid: OID.organizationName, value: organisation },
    { oid: OID.commonName, value: `${organisation} Root CA` },
  ]);
  const rootCertificate = issueCertificate({
    serialNumber: randomSerial(),
    issuerName: rootName,
    issuerKey: rootKeys.privateKey,
    subjectName: rootName,
    subjectPublicKeyInfo: rootSpki,
    notBefore,
    notAfter,
    extensions: [basicConstraintsExtension(true), keyUsageExtension(['keyCertSign', 'cRLSign']), subjectKeyIdentifierExtension(rootKeyId)],
  });
  const issuedByRoot = (
    subject: { name: string; keys: { publicKey: KeyObject; privateKey: KeyObject } },
    extensions: Uint8Array[],
  ): CertifiedKey => {
    const spki = spkiOf(subject.keys.publicKey);
    const certificate = issueCertificate({
      serialNumber: randomSerial(),
      issuerName: rootName,
      issuerKey: rootKeys.privateKey,
      subjectName: encodeName([
        { oid: OID.countryName, value: 'SE' },
        { oid: OID.organizationName, value: organisation },
        { oid: OID.commonName, value: subject.name },
      ]),
      subjectPublicKeyInfo: spki,
      notBefore,
      notAfter,
      extensions: [
        ...extensions,
        subjectKeyIdentifierExtension(keyIdentifier(spki)),
        authorityKeyIdentifierExtension(rootKeyId),
        crlDistributionPointsExtension(pkiUrl(publicBaseUrl, 'root-ca.crl')),
        caIssuersExtension(pkiUrl(publicBaseUrl, 'root-ca.crt')),
      ],
    });
    return { certificate, parsed: ParsedCertificate.fromDer(certificate), privateKey: subject.keys.privateKey };
  };

  const root: CertifiedKey = { certificate: rootCertificate, parsed: ParsedCertificate.fromDer(rootCertificate), privateKey: rootKeys.privateKey };
  const signingCa = issuedByRoot({ name: `${organisation} Signing CA`, keys: generateKeyPairSync('ec', { namedCurve: 'P-256' }) }, [
    basicConstraintsExtension(true, 0),
    keyUsageExtension(['keyCertSign', 'cRLSign']),
  ]);
  // RFC 3161 §2.3: the TSA certificate has exactly one extended key usage, timeStamping, marked critical.
  const tsa = issuedByRoot({ name: `${organisation} TSA`, keys: generateKeyPairSync('rsa', { modulusLength: 2048 }) }, [
    basicConstraintsExtension(false),
    keyUsageExtension(['digitalSignature', 'nonRepudiation']),
    extendedKeyUsageExtension([OID.kpTimeStamping], true),
  ]);
  const seal = issuedByRoot({ name: `${organisation} sigill`, keys: generateKeyPairSync('rsa', { modulusLength: 2048 }) }, [
    basicConstraintsExtension(false),
    keyUsageExtension(['digitalSignature', 'nonRepudiation']),
    certificatePolicyExtension(JUSTERA_OID.sealCertificatePolicy),
  ]);
  const rootCrl = issueCrl(root, { thisUpdate: notBefore, nextUpdate: new Date(notBefore.getTime() + 365 * 24 * 3600 * 1000) });

  const writeKey = (file: string, key: KeyObject) =>
    writeFileSync(join(absolute, file), key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const writeCertificate = (file: string, der: Uint8Array) => writeFileSync(join(absolute, file), pemEncode('CERTIFICATE', der));
  writeCertificate(KEYS_FILES.rootCertificate, root.certificate);
  writeKey(KEYS_FILES.rootKey, root.privateKey);
  writeCertificate(KEYS_FILES.signingCaCertificate, signingCa.certificate);
  writeKey(KEYS_FILES.signingCaKey, signingCa.privateKey);
  writeCertificate(KEYS_FILES.tsaCertificate, tsa.certificate);
  writeKey(KEYS_FILES.tsaKey, tsa.privateKey);
  writeCertificate(KEYS_FILES.sealCertificate, seal.certificate);
  writeKey(KEYS_FILES.sealKey, seal.privateKey);
  writeFileSync(join(absolute, KEYS_FILES.rootCrl), rootCrl);
  const metadata: KeysMetadata = { format: 1, organisation, publicBaseUrl, created: now.toISOString() };
  writeFileSync(join(absolute, KEYS_FILES.metadata), `${JSON.stringify(metadata, null, 2)}\n`);
  writeFileSync(join(absolute, KEYS_FILES.readme), folderReadme(metadata));
  keysCache.delete(absolute);
  return loadKeys(absolute);
}

function folderReadme(metadata: KeysMetadata): string {
  return `# Justera keys: ${metadata.organisation}

Skapad / created ${metadata.created} by \`justera keys init\`.

**Svenska.** *.key.pem är privata nycklar: håll dem hemliga och säkerhetskopierade, endast läsbara för tjänsten.
Certifikaten (*.crt.pem) och spärrlistorna publiceras av tjänsten under ${metadata.publicBaseUrl}/pki/.

**English.** The *.key.pem files are private keys: keep them secret and backed up, readable by the service only.
The service publishes the certificates (*.crt.pem) and CRLs under ${metadata.publicBaseUrl}/pki/.

| file | what |
|---|---|
| root-ca.crt.pem, root-ca.key.pem | root CA (RSA-3072): the trust anchor verifiers configure |
| signing-ca.crt.pem, signing-ca.key.pem | signing CA (ECDSA P-256): one short-lived certificate per signature |
| tsa.crt.pem, tsa.key.pem | time-stamping authority (RSA-2048, extended key usage timeStamping) |
| seal.crt.pem, seal.key.pem | the organisation's seal (RSA-2048) |
| root-ca.crl | the root's first CRL; the service issues current ones |
| keys.json | organisation, public base URL, creation time |
`;
}

interface KeysMetadata {
  format: 1;
  organisation: string;
  publicBaseUrl: string;
  created: string;
}

const keysCache = new Map<string, KeyMaterial>();

/** Loads (once per folder and process) and checks a keys folder; ERR_KEYS_INVALID names the file at fault. */
export function loadKeys(dir: string): KeyMaterial {
  const absolute = resolve(dir);
  const cached = keysCache.get(absolute);
  if (cached) return cached;
  const path = (file: string) => join(absolute, file);
  const read = (file: string): Buffer => {
    try {
      return readFileSync(path(file));
    } catch (error) {
      throw new JusteraError('ERR_KEYS_INVALID', `cannot read ${path(file)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); create a keys folder with "justera keys init <dir>"`, {
        cause: error,
      });
    }
  };
  const metadata = readMetadata(path(KEYS_FILES.metadata), read(KEYS_FILES.metadata));
  const pair = (certificateFile: string, keyFile: string): CertifiedKey => {
    let parsed: ParsedCertificate;
    try {
      parsed = ParsedCertificate.fromPem(read(certificateFile).toString('utf8'));
    } catch (error) {
      throw new JusteraError('ERR_KEYS_INVALID', `${path(certificateFile)} is not a PEM certificate: ${(error as Error).message}`, { cause: error });
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(read(keyFile));
    } catch (error) {
      if (error instanceof JusteraError) throw error;
      throw new JusteraError('ERR_KEYS_INVALID', `${path(keyFile)} is not a PEM private key: ${(error as Error).message}`, { cause: error });
    }
    const publicSpki = Buffer.from(spkiOf(createPublicKey(privateKey)));
    if (!publicSpki.equals(Buffer.from(parsed.subjectPublicKeyInfo))) {
      throw new JusteraError('ERR_KEYS_INVALID', `${path(keyFile)} does not belong to the certificate in ${path(certificateFile)}`);
    }
    return { certificate: parsed.der, parsed, privateKey };
  };
  const root = pair(KEYS_FILES.rootCertificate, KEYS_FILES.rootKey);
  const signingCa = pair(KEYS_FILES.signingCaCertificate, KEYS_FILES.signingCaKey);
  const tsa = pair(KEYS_FILES.tsaCertificate, KEYS_FILES.tsaKey);
  const seal = pair(KEYS_FILES.sealCertificate, KEYS_FILES.sealKey);
  if (!root.parsed.isSelfIssued) throw new JusteraError('ERR_KEYS_INVALID', `${path(KEYS_FILES.rootCertificate)} is not a self-issued root certificate`);
  for (const [file, item] of [
    [KEYS_FILES.signingCaCertificate, signingCa],
    [KEYS_FILES.tsaCertificate, tsa],
    [KEYS_FILES.sealCertificate, seal],
  ] as const) {
    if (!Buffer.from(item.parsed.issuerDer).equals(Buffer.from(root.parsed.subjectDer))) {
      throw new JusteraError('ERR_KEYS_INVALID', `${path(file)} was not issued by the root in ${path(KEYS_FILES.rootCertificate)}`);
    }
  }
  if (signingCa.privateKey.asymmetricKeyType !== 'ec' && signingCa.privateKey.asymmetricKeyType !== 'rsa') {
    throw new JusteraError('ERR_KEYS_INVALID', `${path(KEYS_FILES.signingCaKey)} must be an EC or RSA key`);
  }
  if (!tsa.parsed.isTimeStampingCertificate) {
    throw new JusteraError('ERR_KEYS_INVALID', `${path(KEYS_FILES.tsaCertificate)} must have the critical extended key usage timeStamping only (RFC 3161 §2.3)`);
  }
  const material: KeyMaterial = {
    dir: absolute,
    organisation: metadata.organisation,
    publicBaseUrl: metadata.publicBaseUrl,
    created: metadata.created,
    root,
    signingCa,
    tsa,
    seal,
    rootCrl: new Uint8Array(read(KEYS_FILES.rootCrl)),
    trustAnchors: [root.certificate],
    signerChain: [signingCa.certificate, root.certificate],
    tsaChain: [root.certificate],
    sealChain: [root.certificate],
  };
  keysCache.set(absolute, material);
  return material;
}

function readMetadata(file: string, bytes: Buffer): KeysMetadata {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new JusteraError('ERR_KEYS_INVALID', `${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const record = value as Partial<KeysMetadata> | null;
  for (const field of ['organisation', 'publicBaseUrl', 'created'] as const) {
    if (typeof record?.[field] !== 'string' || record[field] === '') {
      throw new JusteraError('ERR_KEYS_INVALID', `${file} lacks the text field "${field}"`, { field });
    }
  }
  return { format: 1, organisation: record!.organisation!, publicBaseUrl: record!.publicBaseUrl!, created: record!.created! };
}
