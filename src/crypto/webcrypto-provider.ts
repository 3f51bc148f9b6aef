/**
 * CryptoProvider on WebCrypto (crypto.subtle), for the verifier running in a browser: SHA-1/256/384/512,
 * RSA PKCS#1 v1.5, RSASSA-PSS with the MGF1 hash equal to the message hash, ECDSA on P-256/384/521, and
 * Ed25519 where the browser has it (`WebCryptoProvider.create` asks it once). WebCrypto has no SHA-224, no
 * SHAKE256, no brainpool curves and no incremental hash: `supports` says false for those schemes (the
 * verdict is then INDETERMINATE, never TOTAL_FAILED), and prefix-digests.ts digests each range on its own.
 * Portable: no Node module; the SubtleCrypto is the global one unless one is given.
 */
import { concatBytes, contentBytes, derBitString, derNull, derOid, derSequence, readChildren, readElement, readOid } from '../asn1/der';
import { OID } from '../asn1/oids';
import type { CryptoProvider, DigestAlgorithm, SignatureCheck, SignatureScheme } from './crypto-provider';
import { publicKeyFacts, signatureSchemeOf } from './signature-algorithms';

type Subtle = typeof globalThis.crypto.subtle;
type WebKey = Awaited<ReturnType<Subtle['importKey']>>;

/** The digests WebCrypto knows (WebCrypto §30), by our names. */
const WEB_DIGESTS: Partial<Record<DigestAlgorithm, string>> = { 'SHA-1': 'SHA-1', 'SHA-256': 'SHA-256', 'SHA-384': 'SHA-384', 'SHA-512': 'SHA-512' };
const WEB_CURVES = new Set(['P-256', 'P-384', 'P-521']);

/** Thrown by `digest` for an algorithm WebCrypto lacks: the page then offers the server's check. */
export class DigestUnsupportedError extends Error {
  readonly code = 'ERR_DIGEST_UNSUPPORTED';
  constructor(readonly algorithm: DigestAlgorithm) {
    super(`this browser cannot compute ${algorithm}`);
  }
}

export class WebCryptoProvider implements CryptoProvider {
  private readonly keys = new Map<string, Promise<WebKey | undefined>>();
  private readonly missing = new Set<string>();

  constructor(
    private readonly subtle: Subtle = globalThis.crypto.subtle,
    private readonly ed25519 = false,
  ) {}

  /** A provider that knows whether this browser verifies Ed25519 (Chromium 137+, Firefox 129+, Safari 17+). */
  static async create(subtle: Subtle = globalThis.crypto.subtle): Promise<WebCryptoProvider> {
    return new WebCryptoProvider(subtle, await hasEd25519(subtle));
  }

  /**
   * The algorithms a file asked of this provider that the browser lacks ("SHA-224", "ECDSA brainpoolP256r1",
   * …), in the order first asked: the page names them when it offers the server's check.
   */
  get missingAlgorithms(): readonly string[] {
    return [...this.missing];
  }

  async digest(algorithm: DigestAlgorithm, parts: readonly Uint8Array[]): Promise<Uint8Array> {
    const name = WEB_DIGESTS[algorithm];
    if (!name) {
      this.missing.add(algorithm);
      throw new DigestUnsupportedError(algorithm);
    }
    return new Uint8Array(await this.subtle.digest(name, source(parts.length === 1 ? parts[0]! : concatBytes(parts))));
  }

  supports(scheme: SignatureScheme, subjectPublicKeyInfo?: Uint8Array): boolean {
    const lacking = this.lackingFor(scheme, subjectPublicKeyInfo);
    if (lacking !== undefined) this.missing.add(lacking);
    return lacking === undefined;
  }

  /** What of `scheme` this browser lacks, named as the page shows it; undefined when it has it all. */
  private lackingFor(scheme: SignatureScheme, subjectPublicKeyInfo?: Uint8Array): string | undefined {
    if (scheme.keyType === 'Ed25519') return this.ed25519 ? undefined : 'Ed25519';
    if (scheme.keyType === 'Ed448') return 'Ed448';
    if (!scheme.digest || !WEB_DIGESTS[scheme.digest]) return scheme.digest ?? scheme.name;
    // WebCrypto's RSA-PSS takes one hash for the message and MGF1.
    if (scheme.pss && scheme.pss.mgf1Digest !== scheme.digest) return `RSASSA-PSS (MGF1 ${scheme.pss.mgf1Digest})`;
    if (scheme.keyType === 'EC' && subjectPublicKeyInfo) {
      const curve = publicKeyFacts(subjectPublicKeyInfo).curve;
      if (curve === undefined || !WEB_CURVES.has(curve)) return `ECDSA ${curve ?? '(curve not named)'}`;
    }
    return undefined;
  }

  async verify(check: SignatureCheck): Promise<boolean> {
    const scheme = signatureSchemeOf(check.algorithmOid, check.algorithmParameters, check.digestAlgorithm);
    if (!scheme || !this.supports(scheme, check.subjectPublicKeyInfo)) return false;
    try {
      const key = await this.publicKey(check.subjectPublicKeyInfo, scheme);
      if (!key) return false;
      if (scheme.name === 'ECDSA') {
        const size = Math.ceil((publicKeyFacts(check.subjectPublicKeyInfo).bits ?? 0) / 8);
        const p1363 = derToP1363(check.signature, size);
        return p1363 ? await this.subtle.verify({ name: 'ECDSA', hash: WEB_DIGESTS[scheme.digest!]! }, key, source(p1363), source(check.data)) : false;
      }
      if (scheme.pss) return await this.subtle.verify({ name: 'RSA-PSS', saltLength: scheme.pss.saltLength }, key, source(check.signature), source(check.data));
      return await this.subtle.verify({ name: scheme.name }, key, source(check.signature), source(check.data));
    } catch {
      return false;
    }
  }

  /** The imported key, per SPKI and scheme (WebCrypto binds the algorithm and hash to the key). */
  private publicKey(spki: Uint8Array, scheme: SignatureScheme): Promise<WebKey | undefined> {
    const id = `${schemeKey(scheme)}:${base64(spki)}`;
    let key = this.keys.get(id);
    if (!key) {
      key = this.importKey(spki, scheme).catch(() => undefined);
      this.keys.set(id, key);
    }
    return key;
  }

  private importKey(spki: Uint8Array, scheme: SignatureScheme): Promise<WebKey> {
    const facts = publicKeyFacts(spki);
    if (facts.type !== scheme.keyType) return Promise.reject(new Error('key does not fit the scheme'));
    if (scheme.keyType === 'Ed25519') return this.subtle.importKey('spki', source(spki), { name: 'Ed25519' }, false, ['verify']);
    const hash = WEB_DIGESTS[scheme.digest!]!;
    if (scheme.keyType === 'EC') return this.subtle.importKey('spki', source(spki), { name: 'ECDSA', namedCurve: facts.curve! }, false, ['verify']);
    return this.subtle.importKey('spki', source(asRsaEncryption(spki)), { name: scheme.pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
  }
}

async function hasEd25519(subtle: Subtle): Promise<boolean> {
  // The SPKI of RFC 8032 §7.1 test 1's public key.
  const spki = fromHex('302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  try {
    await subtle.importKey('spki', source(spki), { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

/**
 * An RSA key whose SPKI says id-RSASSA-PSS (RFC 4055 §1.2) with the plain rsaEncryption identifier, the
 * only one browsers import; the key bits are the same RSAPublicKey.
 */
function asRsaEncryption(spki: Uint8Array): Uint8Array {
  const [algorithm, key] = readChildren(spki, readElement(spki, 0));
  const oidElement = readChildren(spki, algorithm!)[0]!;
  if (readOid(spki, oidElement.start) !== OID.rsassaPss) return spki;
  return derSequence(derSequence(derOid(OID.rsaEncryption), derNull()), derBitString(contentBytes(spki, key!).subarray(1)));
}

/**
 * ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5480 §2.2 / X9.62) as WebCrypto wants it:
 * r || s, each left-padded to the curve size (IEEE P1363). Undefined for anything else, or a value too long.
 */
export function derToP1363(signature: Uint8Array, size: number): Uint8Array | undefined {
  try {
    const sequence = readElement(signature, 0);
    if (sequence.tag !== 0x30 || sequence.end !== signature.length) return undefined;
    const children = readChildren(signature, sequence);
    if (children.length !== 2 || children.some((child) => child.tag !== 0x02)) return undefined;
    const out = new Uint8Array(2 * size);
    children.forEach((child, index) => {
      let value = contentBytes(signature, child);
      while (value.length > 1 && value[0] === 0) value = value.subarray(1);
      if (value.length > size) throw new RangeError('integer longer than the curve');
      out.set(value, (index + 1) * size - value.length);
    });
    return out;
  } catch {
    return undefined;
  }
}

/** WebCrypto takes no view of a SharedArrayBuffer. */
function source(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

function schemeKey(scheme: SignatureScheme): string {
  return `${scheme.name}/${scheme.digest ?? ''}`;
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));
}
