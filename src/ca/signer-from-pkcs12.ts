/**
 * A signer who brings their own key: reads a PKCS#12 file (RFC 7292) with node-forge, which handles the
 * MAC and the PBES1/PBES2 key bags; the key then moves to a Node KeyObject so signing stays fast.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { JusteraError } from '../errors';
import { bytesEqual } from '../asn1/der';
import { ParsedCertificate } from '../pki/certificate';
import type { SignerCredentials } from '../pades/signer';
import { spkiOf } from './issue-certificate';

export function signerFromPkcs12(p12: Uint8Array, passphrase: string): SignerCredentials {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = openPfx(p12, passphrase);
  } catch (error) {
    const message = (error as Error).message ?? '';
    const wrongPassphrase = /password|MAC could not be verified|decrypt/i.test(message);
    throw new JusteraError(
      'ERR_P12_INVALID',
      wrongPassphrase ? 'the PKCS#12 file cannot be opened with this passphrase' : `not a readable PKCS#12 file: ${message}`,
      { cause: error },
    );
  }

  const privateKeys: KeyObject[] = [];
  const certificates: ParsedCertificate[] = [];
  for (const safeContents of pfx.safeContents) {
    for (const bag of safeContents.safeBags) {
      if (bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag) {
        // forge parses RSA keys only; other key types (EC) arrive as the decrypted PrivateKeyInfo ASN.1.
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
        if (!info) continue;
        privateKeys.push(createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' }));
      } else if (bag.type === forge.pki.oids.certBag) {
        const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
        if (asn1) certificates.push(ParsedCertificate.fromDer(new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'))));
      }
    }
  }
  if (privateKeys.length !== 1) {
    throw new JusteraError('ERR_P12_INVALID', `the PKCS#12 file must hold exactly one private key, it holds ${privateKeys.length}`);
  }
  const privateKey = privateKeys[0]!;
  const keyType = privateKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') {
    throw new JusteraError('ERR_P12_INVALID', `the PKCS#12 key is ${keyType ?? 'unknown'}; only RSA and EC keys can sign`);
  }
  const publicSpki = spkiOf(createPublicKey(privateKey));
  const leaf = certificates.find((certificate) => bytesEqual(certificate.subjectPublicKeyInfo, publicSpki));
  if (!leaf) throw new JusteraError('ERR_P12_INVALID', 'the PKCS#12 file holds no certificate for its private key');

  // Order the other certificates from the leaf's issuer upwards, by name; certificates off the path are left out.
  const chain: Uint8Array[] = [];
  let current = leaf;
  const remaining = certificates.filter((certificate) => certificate !== leaf);
  while (!current.isSelfIssued) {
    const issuerIndex = remaining.findIndex((candidate) => bytesEqual(candidate.subjectDer, current.issuerDer));
    if (issuerIndex < 0) break;
    current = remaining.splice(issuerIndex, 1)[0]!;
    chain.push(current.der);
  }
  return { certificate: leaf.der, privateKey, chain };
}

/**
 * forge verifies the MAC with the passphrase as BMPString (RFC 7292 Appendix B.1), as OpenSSL does, but
 * feeds PBES2/PBKDF2 the passphrase's UTF-16 code units as bytes where OpenSSL uses its UTF-8 bytes
 * (RFC 8018 leaves the encoding open). For a non-ASCII passphrase whose MAC forge has verified, the
 * file is opened again without its MAC and with the passphrase's UTF-8 bytes.
 */
function openPfx(p12: Uint8Array, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  const read = () => forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
  try {
    return forge.pkcs12.pkcs12FromAsn1(read(), true, passphrase);
  } catch (error) {
    const macFailed = /MAC could not be verified/.test((error as Error).message ?? '');
    if (macFailed || /^[\x00-\x7f]*$/.test(passphrase)) throw error;
    const withoutMac = read();
    withoutMac.value = (withoutMac.value as forge.asn1.Asn1[]).slice(0, 2);
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, true, forge.util.encodeUtf8(passphrase));
  }
}
