/**
 * Short data the browser keeps for us (the session, a login in progress) as an encrypted JWT (JWE, dir +
 * A256GCM): nobody can read or change it, and it expires. Encrypted rather than signed only, because it
 * holds the personnummer and the PKCE verifier.
 */
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';
import type { Clock } from '../../clock';

export class SealedTokens<T extends object> {
  constructor(
    private readonly key: Uint8Array,
    /** Binds a token to one use: a login-transaction token is never accepted as a session. */
    private readonly audience: string,
    private readonly clock: Clock,
  ) {}

  async seal(data: T, ttlSeconds: number): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new EncryptJWT({ data } as unknown as JWTPayload)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setAudience(this.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .encrypt(this.key);
  }

  /**
   * Tokens already opened, by their exact text, with their expiry: a session cookie comes with every request,
   * and decrypting it through WebCrypto costs ~0.5 ms of the main thread each time. Only a token that
   * decrypted and passed every check is kept; its expiry is checked again on each use.
   */
  private readonly opened = new Map<string, { data: T | undefined; expiresAtMs: number }>();

  /** The data, or undefined for a token that is forged, damaged, expired or meant for another use. */
  async open(token: string | undefined): Promise<T | undefined> {
    if (token === undefined || token === '') return undefined;
    const now = this.clock.now();
    const known = this.opened.get(token);
    if (known) {
      if (known.expiresAtMs > now.getTime()) return known.data;
      this.opened.delete(token);
    }
    try {
      const { payload } = await jwtDecrypt(token, this.key, {
        audience: this.audience,
        currentDate: now,
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const data = (payload as { data?: T }).data;
      if (typeof payload.exp === 'number') this.remember(token, data, payload.exp * 1000);
      return data;
    } catch {
      return undefined;
    }
  }

  private remember(token: string, data: T | undefined, expiresAtMs: number): void {
    this.opened.set(token, { data, expiresAtMs });
    for (const oldest of this.opened.keys()) {
      if (this.opened.size <= OPENED_LIMIT) break;
      this.opened.delete(oldest);
    }
  }
}

/** Opened tokens kept per SealedTokens; the oldest go first. */
const OPENED_LIMIT = 1024;
