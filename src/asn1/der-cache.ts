/**
 * Objects parsed from DER and kept by their bytes, for objects a process meets again and again (the
 * certificates and CRLs a batch of documents carries, those the signing service embeds and then verifies).
 * A sampled hash finds the bucket; the bytes themselves decide. Each object keeps a copy of its DER: the
 * caller's may be a view into a large PDF that must not stay in memory through the cache. Emptied whole
 * when full: simpler than least-recently-used, and the objects in use come back at once.
 */
import { bytesEqual, sampledHash } from './der';

export class DerCache<T extends { der: Uint8Array }> {
  private readonly buckets = new Map<number, T[]>();
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly parse: (ownDer: Uint8Array) => T,
  ) {}

  /** The object of these bytes, parsed the first time (what `parse` throws for malformed bytes is not kept). */
  get(der: Uint8Array): T {
    const key = sampledHash(der);
    const known = this.buckets.get(key)?.find((candidate) => bytesEqual(candidate.der, der));
    if (known) return known;
    const parsed = this.parse(new Uint8Array(der));
    if (this.size >= this.limit) {
      this.buckets.clear();
      this.size = 0;
    }
    this.buckets.set(key, [...(this.buckets.get(key) ?? []), parsed]);
    this.size++;
    return parsed;
  }
}

/** The value kept under `key`, made and kept the first time it is asked for. */
export function keptOrMade<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V;
export function keptOrMade<K, V>(map: Map<K, V>, key: K, make: () => V): V;
export function keptOrMade<K extends object, V>(map: Map<K, V> | WeakMap<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
