/**
 * Verifying documents, the use case behind `justera verify` and the service's verification routes: the
 * trust anchors come from the keys folder's root and any extra PEM files, hashing and signature checks
 * from Node's crypto, and a file that cannot be read becomes an outcome with an error, never a crash.
 */
import { join } from 'node:path';
import type { Clock } from '../clock';
import { defaultKeysDir } from '../config/paths';
import { NodeCryptoProvider } from '../crypto/node-crypto-provider';
import { isJusteraError } from '../errors';
import { DEFAULT_LIMITS } from '../pdf/limits';
import { demonstrationRootFingerprints } from './demonstration-keys';
import type { VerificationReport } from '../verification/model';
import type { FileOutcome } from '../verification/render/batch';
import { verifyPdf } from '../verification/verify-pdf';
import { readBoundedFile } from './read-bounded-file';
import { readCertificateFile } from './certificate-file';

const crypto = new NodeCryptoProvider();

export interface TrustSources {
  /** Keys folder whose root-ca.crt.pem is trusted (default: the package's keys-example). */
  keysDir?: string;
  /** Extra PEM files, each with one or more certificates. */
  trustFiles?: readonly string[];
}

/** DER of every trusted root; an unreadable or empty source is an InputError naming the source (`keysDir`, `trustFiles`). */
export function loadTrustAnchors(sources: TrustSources = {}): Uint8Array[] {
  const files: [string, string][] = [[join(sources.keysDir ?? defaultKeysDir({}), 'root-ca.crt.pem'), 'keysDir']];
  for (const file of sources.trustFiles ?? []) files.push([file, 'trustFiles']);
  return files.flatMap(([file, source]) => readCertificateFile(file, source));
}

/** A verifier bound to its trust anchors; the time and the file's name are per document. */
export interface DocumentVerifier {
  readonly trustAnchors: readonly Uint8Array[];
  verify(pdf: Uint8Array, options?: { clock?: Clock; fileName?: string }): Promise<VerificationReport>;
}

/**
 * The one way into the verifier outside the browser (the CLI, the service's engines and reports, the public
 * side's workers): Node's crypto, the trust anchors given, and one policy: a signature under a
 * demonstration root makes the report say DEMO. The browser's check builds its own from WebCrypto and the
 * anchors the service serves (src/server/public/browser).
 */
export function createVerifier(trustAnchors: readonly Uint8Array[]): DocumentVerifier {
  const demonstrationRoots = demonstrationRootFingerprints();
  return {
    trustAnchors,
    verify: (pdf, options = {}) => verifyPdf(pdf, { trustAnchors, crypto, demonstrationRoots, ...options }),
  };
}

/** Reads and verifies one file; anything that keeps it from being read is an error outcome. */
export async function verifyFile(path: string, verifier: DocumentVerifier, clock?: Clock): Promise<FileOutcome> {
  try {
    const bytes = readBoundedFile(path, { maxBytes: DEFAULT_LIMITS.maxFileSize, what: 'a PDF' });
    const report = await verifier.verify(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { ...(clock ? { clock } : {}), fileName: path });
    return { file: path, report };
  } catch (error) {
    if (isJusteraError(error)) return { file: path, error: { code: error.code, message: error.message } };
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { file: path, error: { code: 'ERR_FILE_UNREADABLE', message: (error as Error).message } };
    // A bug must not end a batch of thousands of files; it is reported for this file.
    return { file: path, error: { code: 'ERR_INTERNAL', message: (error as Error).stack ?? String(error) } };
  }
}
