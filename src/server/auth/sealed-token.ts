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

  /** The data, or undefined for a token that is forged, damaged, expired or meant for another use. */
  async open(token: string | undefined): Promise<T | undefined> {
    if (token === undefined || token === '') return undefined;
    try {
      const { payload } = await jwtDecrypt(token, this.key, {
        audience: this.audience,
        currentDate: this.clock.now(),
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return (payload as { data?: T }).data;
    } catch {
      return undefined;
    }
  }
}
