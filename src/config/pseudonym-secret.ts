/**
 * The deployment secret behind signer pseudonyms (domain/signer-pseudonym.ts): SIGNER_PSEUDONYM_SECRET, else
 * the file `signer-pseudonym-secret` in the keys folder, created on first use. It lives with the keys because
 * the service, its engine workers and `justera sign` must all derive the same pseudonym for one person, and
 * because losing it (or rotating it) makes the pseudonyms of later signatures differ from earlier ones.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JusteraError } from '../errors';
import type { SignerIdentityPolicy } from '../domain/signer-pseudonym';

export const PSEUDONYM_SECRET_FILE = 'signer-pseudonym-secret';
const MIN_LENGTH = 32;

/**
 * The configured secret, else the keys folder's (exclusive create, so two processes starting at once end
 * up with the same one). ERR_CONFIG_INVALID naming SIGNER_PSEUDONYM_SECRET when neither can be had.
 */
export function resolvePseudonymSecret(configured: string | undefined, keysDir: string): string {
  if (configured !== undefined) return configured;
  const file = join(keysDir, PSEUDONYM_SECRET_FILE);
  try {
    mkdirSync(keysDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new JusteraError('ERR_CONFIG_INVALID', `Cannot create ${file}: set SIGNER_PSEUDONYM_SECRET or make the keys folder writable`, { field: 'SIGNER_PSEUDONYM_SECRET', cause: error });
    }
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH) {
    throw new JusteraError('ERR_CONFIG_INVALID', `${file} holds fewer than ${MIN_LENGTH} characters`, { field: 'SIGNER_PSEUDONYM_SECRET' });
  }
  return secret;
}

/** The policy of SIGNER_CERTIFICATE_ID; the secret is only read (or made) when pseudonyms are used. */
export function signerIdentityPolicy(config: { signerCertificateId: 'pseudonym' | 'personnummer'; signerPseudonymSecret?: string; keysDir: string }): SignerIdentityPolicy {
  if (config.signerCertificateId === 'personnummer') return { kind: 'personnummer' };
  return { kind: 'pseudonym', secret: resolvePseudonymSecret(config.signerPseudonymSecret, config.keysDir) };
}
