/**
 * The one server secret behind sessions, invitation tokens and the demo client, and the keys derived from it.
 * Several service processes must share it (an env variable, or the same DATA_DIR), so that a session or an
 * invitation link made by one is accepted by the others.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JusteraError } from '../../errors';

export const SESSION_SECRET_FILE = 'session-secret';

/** What each derived key is for; a key is never used for two purposes. */
export type KeyPurpose = 'session' | 'session-csrf' | 'login-transaction' | 'invitation-signing' | 'invitation-person-hmac' | 'demo-client' | 'demo-cookies';

/**
 * The configured secret, else the one in DATA_DIR/session-secret, else a new one written there
 * (exclusive create, so two processes starting at once end up with the same secret).
 */
export async function resolveSessionSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured !== undefined) return configured;
  const file = join(dataDir, SESSION_SECRET_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new JusteraError('ERR_CONFIG_INVALID', `Cannot create ${file}: set SESSION_SECRET or make DATA_DIR writable`, {
        field: 'SESSION_SECRET',
        cause: error,
      });
    }
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) {
    throw new JusteraError('ERR_CONFIG_INVALID', `${file} holds fewer than 32 characters`, { field: 'SESSION_SECRET' });
  }
  return secret;
}

/** A 32-byte key for one purpose (HKDF-SHA256, RFC 5869). */
export function deriveKey(secret: string, purpose: KeyPurpose): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'justera', `justera ${purpose} v1`, 32));
}
