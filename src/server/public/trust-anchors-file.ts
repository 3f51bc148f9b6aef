/**
 * /public/trust-anchors.json: the roots the public verifier trusts (the keys folder's), as the in-browser
 * check of /verifiera fetches them, so that the page and the server judge a file against the same anchors.
 */
import { demonstrationRootFingerprints } from '../../engines/demonstration-keys';

export interface BrowserTrustAnchors {
  /** DER of each trusted root, base64. */
  trustAnchors: string[];
  /** SHA-256 (hex) of the demonstration roots: a report of a PDF signed under one says DEMO. */
  demonstrationRoots: string[];
}

export function trustAnchorsFile(trustAnchors: readonly Uint8Array[]): BrowserTrustAnchors {
  return {
    trustAnchors: trustAnchors.map((der) => Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64')),
    demonstrationRoots: [...demonstrationRootFingerprints()],
  };
}
