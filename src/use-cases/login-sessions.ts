/**
 * The server side of a login session (issue 11): a row per session in the service's database, so that
 * logout and the idle timeout hold on every process that shares it. The cookie carries a random session id;
 * the table keeps only its SHA-256. No person data is stored here: the person stays in the sealed cookie.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../storage/db';
import { deleteEndedSessions, deleteSession, findLiveSession, insertSession, touchSession } from '../storage/sessions-repository';

export interface SessionSettings {
  /** A session not used for this long ends. */
  idleSeconds: number;
  /** A session ends this long after the login, used or not. */
  lifetimeSeconds: number;
}

/** At most one write per session per this interval (or a tenth of the idle time, if shorter). */
const TOUCH_INTERVAL_MS = 60_000;

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

export class SessionStore {
  private readonly touchIntervalMs: number;

  constructor(
    private readonly db: Db,
    readonly settings: SessionSettings,
    private readonly clock: Clock,
  ) {
    this.touchIntervalMs = Math.min(TOUCH_INTERVAL_MS, (settings.idleSeconds * 1000) / 10);
  }

  /** A new session's id; sessions that have ended are removed on the way (logins are when rows are added). */
  async create(): Promise<string> {
    const now = this.clock.now();
    await deleteEndedSessions(this.db, now.toISOString());
    const sessionId = randomBytes(32).toString('base64url');
    await insertSession(this.db, {
      idHash: hashOf(sessionId),
      createdAt: now.toISOString(),
      idleExpiresAt: new Date(now.getTime() + this.settings.idleSeconds * 1000).toISOString(),
      expiresAt: new Date(now.getTime() + this.settings.lifetimeSeconds * 1000).toISOString(),
    });
    return sessionId;
  }

  /** True while the session is live (not logged out, not idle too long, not past its lifetime); counts as a use. */
  async use(sessionId: string): Promise<boolean> {
    const now = this.clock.now();
    const idHash = hashOf(sessionId);
    const row = await findLiveSession(this.db, idHash, now.toISOString());
    if (!row) return false;
    const idleExpiresAtMs = now.getTime() + this.settings.idleSeconds * 1000;
    if (idleExpiresAtMs - Date.parse(row.idleExpiresAt) >= this.touchIntervalMs) {
      await touchSession(this.db, idHash, new Date(idleExpiresAtMs).toISOString());
    }
    return true;
  }

  async revoke(sessionId: string): Promise<void> {
    await deleteSession(this.db, hashOf(sessionId));
  }
}
