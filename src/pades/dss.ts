/**
 * The Document Security Store (ETSI EN 319 142-1, 5.4.2; ISO 32000-2, 12.8.4.3): certificates and CRLs
 * a verifier needs years from now, added to the catalog's /DSS in the same incremental update as the
 * signature they serve (PAdES B-LT). Merges with an existing DSS, never adds the same DER twice, and
 * keeps entries it does not manage (/OCSPs, /VRI) as they are.
 */
import { createHash } from 'node:crypto';
import type { IncrementalUpdate } from '../pdf/incremental-writer';
import { PdfDict, PdfRef, PdfStream, dict, name, type PdfObject } from '../pdf/objects';
import type { PdfFile } from '../pdf/parser';

export interface ValidationData {
  /** DER certificates (signer chain and TSA chain). */
  certificates: readonly Uint8Array[];
  /** DER CRLs, current at signing time. */
  crls: readonly Uint8Array[];
}

/**
 * Adds `data` to the DSS of `catalog` (the catalog's new version, which the caller writes in `update`).
 * Each new certificate or CRL becomes a stream object of its own; existing entries are kept by reference.
 */
export function addValidationData(file: PdfFile, update: IncrementalUpdate, catalog: PdfDict, data: ValidationData): void {
  const existingEntry = catalog.get('DSS');
  const existing = file.resolve(existingEntry);
  const dss = existing instanceof PdfDict ? existing.clone() : dict({ Type: name('DSS') });
  mergeArray(file, update, dss, 'Certs', data.certificates);
  mergeArray(file, update, dss, 'CRLs', data.crls);
  if (existingEntry instanceof PdfRef) update.set(existingEntry, dss);
  else catalog.set('DSS', dss);
}

function mergeArray(file: PdfFile, update: IncrementalUpdate, dss: PdfDict, key: 'Certs' | 'CRLs', items: readonly Uint8Array[]): void {
  const current = file.resolve(dss.get(key));
  const entries: PdfObject[] = Array.isArray(current) ? [...current] : [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const stream = file.resolve(entry);
    if (stream instanceof PdfStream) seen.add(fingerprint(file.decodeStream(stream)));
  }
  let added = false;
  for (const der of items) {
    const print = fingerprint(der);
    if (seen.has(print)) continue;
    seen.add(print);
    const ref = update.allocate();
    update.set(ref, new PdfStream(new PdfDict(), der));
    entries.push(ref);
    added = true;
  }
  if (added || entries.length > 0) dss.set(key, entries);
}

function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}
