/**
 * Phase "proven time" (ETSI EN 319 102-1, 5.6.2.2, proof of existence): a signature's own valid timestamp,
 * else the earliest valid, intact document timestamp of a later revision.
 */
import type { SignatureRecord } from './signature-records';

/** Returns the valid, intact document timestamps (the policy phase needs them for the LTA level). */
export function assignProvenTimes(records: readonly SignatureRecord[]): SignatureRecord[] {
  const documentTimestamps = records.filter((record) => record.facts.kind === 'document-timestamp' && record.timestamp?.valid && record.facts.integrity.intact);
  for (const record of records) {
    const own = record.timestamp?.valid ? record.timestamp : undefined;
    if (own?.token) {
      record.facts.provenTime = {
        time: own.token.genTime.toISOString(),
        source: record.facts.kind === 'document-timestamp' ? 'this-timestamp' : 'signature-timestamp',
        tsa: own.facts.tsa,
      };
      continue;
    }
    const k = record.byteRange.revision;
    if (k === undefined) continue;
    let earliest: SignatureRecord | undefined;
    for (const candidate of documentTimestamps) {
      const token = candidate.timestamp?.token;
      if (candidate === record || (candidate.byteRange.revision ?? -1) <= k || !token) continue;
      if (!earliest || token.genTime < earliest.timestamp!.token!.genTime) earliest = candidate;
    }
    if (earliest?.timestamp?.token) {
      record.facts.provenTime = { time: earliest.timestamp.token.genTime.toISOString(), source: 'document-timestamp', tsa: earliest.timestamp.facts.tsa };
    }
  }
  return documentTimestamps;
}
