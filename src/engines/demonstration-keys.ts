/**
 * The demonstration keys (keys-example/, private keys committed openly): what signs with them proves
 * nothing, so the service, the PDF's signature appearance and the verifier say DEMO. They are recognised
 * by their root: the SHA-256 of its DER equals that of the package's keys-example/root-ca.crt.pem. A copy
 * of the folder under another KEYS_DIR is still recognised, and regenerating keys-example
 * (scripts/make-example-keys.ts) needs no change here; a folder from `justera keys init` never matches.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/paths';
import type { SignerSource, SigningAuthority } from '../pades';
import type { KeyMaterial } from '../ca/keys-folder';
import { pemDecode } from '../pki/pem';

let fingerprints: readonly string[] | undefined;

function sha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** SHA-256 (hex) of the demonstration root; empty when the package ships no keys-example. */
export function demonstrationRootFingerprints(): readonly string[] {
  if (!fingerprints) {
    let text: string | undefined;
    try {
      text = readFileSync(join(packageRoot(), 'keys-example', 'root-ca.crt.pem'), 'utf8');
    } catch {
      text = undefined;
    }
    fingerprints = text ? [sha256Hex(pemDecode(text, 'CERTIFICATE'))] : [];
  }
  return fingerprints;
}

export function isDemonstrationRoot(der: Uint8Array): boolean {
  return demonstrationRootFingerprints().includes(sha256Hex(der));
}

/** Whether a keys folder is the demonstration one (or a copy of it). */
export function usesDemonstrationKeys(keys: KeyMaterial): boolean {
  return isDemonstrationRoot(keys.root.certificate);
}

/** Whether a signature by `signer` would chain to the demonstration root: a person's certificate comes from `authority`. */
export function signsWithDemonstrationKeys(signer: SignerSource, authority: SigningAuthority): boolean {
  return 'credentials' in signer ? signer.credentials.chain.some(isDemonstrationRoot) : isDemonstrationRoot(authority.root);
}
