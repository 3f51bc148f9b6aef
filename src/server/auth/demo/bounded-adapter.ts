/**
 * The demo provider's storage (oidc-provider's Adapter) in this process's memory, bounded: each model
 * (Interaction, Session, AuthorizationCode, …) keeps at most `maxEntries` entries, each until it expires.
 * A flood of login starts, each of which stores an Interaction, evicts the oldest pending logins instead
 * of growing the heap; sessions and codes of finished logins live in their own models and are untouched.
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; undefined: until evicted. */
  expiresAt: number | undefined;
}

export interface BoundedAdapters {
  factory: AdapterFactory;
  /** Live entries of one model (after dropping the expired ones). */
  size(model: string): number;
}

class BoundedModelStore implements Adapter {
  // Map keeps insertion order and upsert re-inserts: the first entries are the oldest written.
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Drops expired entries from the oldest end, then the oldest live ones, until one more fits. */
  private makeRoom(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (this.entries.size < this.maxEntries) return;
      if (entry.expiresAt !== undefined && entry.expiresAt > now) break;
      this.entries.delete(id);
    }
    for (const id of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) return;
      this.entries.delete(id);
    }
  }

  private *livePayloads(): Generator<[string, AdapterPayload]> {
    for (const id of [...this.entries.keys()]) {
      const entry = this.live(id);
      if (entry) yield [id, entry.payload];
    }
  }

  count(): number {
    return [...this.livePayloads()].length;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.entries.delete(id);
    this.makeRoom();
    this.entries.set(id, { payload, expiresAt: typeof expiresIn === 'number' ? this.now() + expiresIn * 1000 : undefined });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.live(id)?.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [, payload] of this.livePayloads()) if (payload.uid === uid) return payload;
    return undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    for (const [, payload] of this.livePayloads()) if (payload.userCode === userCode) return payload;
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = this.live(id);
    if (entry) entry.payload.consumed = Math.floor(this.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, payload] of this.livePayloads()) if (payload.grantId === grantId) this.entries.delete(id);
  }
}

/** One store per model, shared by every adapter oidc-provider makes for that model. */
export function boundedAdapters(maxEntries: number, now: () => number = Date.now): BoundedAdapters {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  const stores = new Map<string, BoundedModelStore>();
  const storeFor = (model: string): BoundedModelStore => {
    let store = stores.get(model);
    if (!store) {
      store = new BoundedModelStore(maxEntries, now);
      stores.set(model, store);
    }
    return store;
  };
  return { factory: storeFor, size: (model) => stores.get(model)?.count() ?? 0 };
}
