/**
 * The Document Security Store (ETSI EN 319 142-1, 5.4.2; ISO 32000-2, 12.8.4.3): certificates and CRLs
 * a verifier needs years from now, added to the catalog's /DSS in an incremental update of its own after
 * the signature they serve (PAdES B-LT), with a /VRI entry naming them for that signature. Merges with
 * an existing DSS, never adds the same DER twice, and keeps entries it does not manage (/OCSPs, other
 * /VRI keys) as they are.
 */
import { createHash } from 'node:crypto';
import type { IncrementalUpdate } from '../pdf/incremental-writer';
import { PdfDict, PdfRef, PdfStream, dict, name, type PdfObject } from '../pdf/objects';
import type { PdfFile } from '../pdf/parser';

export interface ValidationData {
  /** DER certificates (signer chain and TSA chain). */
  certificates: readonly Uint8Array[];
  /** DER CRLs, issued after the signature's time-stamp. */
  crls: readonly Uint8Array[];
}

/**
 * ETSI EN 319 142-1, 5.4.2.2: a /VRI key is the uppercase hex SHA-1 of the signature's /Contents string
 * as it stands in the file, zero padding included (as pyHanko and EU DSS compute it).
 */
export function vriKey(contents: Uint8Array): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

/**
 * Adds `data` to the DSS of `catalog` (the catalog's new version, which the caller writes in `update`).
 * Each new certificate or CRL becomes a stream object of its own; existing entries are kept by reference.
 * With `vri`, the signature's /VRI entry names every certificate and CRL of `data` (5.4.2.2: /Cert, /CRL).
 * `file` is read as the DSS stood before: the update adding a signature never touches the DSS.
 */
export function addValidationData(file: PdfFile, update: IncrementalUpdate, catalog: PdfDict, data: ValidationData, vri?: string): void {
  const existingEntry = catalog.get('DSS');
  const existing = file.resolve(existingEntry);
  const dss = existing instanceof PdfDict ? existing.clone() : dict({ Type: name('DSS') });
  const certs = mergeArray(file, update, dss, 'Certs', data.certificates);
  const crls = mergeArray(file, update, dss, 'CRLs', data.crls);
  if (vri !== undefined) {
    const vriEntry = dss.get('VRI');
    const vris = file.resolveDict(vriEntry)?.clone() ?? new PdfDict();
    const entry = dict({ Type: name('VRI') });
    if (certs.length > 0) entry.set('Cert', certs);
    if (crls.length > 0) entry.set('CRL', crls);
    vris.set(vri, entry);
    if (vriEntry instanceof PdfRef) update.set(vriEntry, vris);
    else dss.set('VRI', vris);
  }
  if (existingEntry instanceof PdfRef) update.set(existingEntry, dss);
  else catalog.set('DSS', dss);
}

/** Merges `items` into `dss[key]`; returns the reference of each item, new or already there. */
function mergeArray(file: PdfFile, update: IncrementalUpdate, dss: PdfDict, key: 'Certs' | 'CRLs', items: readonly Uint8Array[]): PdfRef[] {
  const current = file.resolve(dss.get(key));
  const entries: PdfObject[] = Array.isArray(current) ? [...current] : [];
  const known = new Map<string, PdfRef | undefined>();
  for (const entry of entries) {
    const stream = file.resolve(entry);
    if (stream instanceof PdfStream) known.set(fingerprint(file.decodeStream(stream)), entry instanceof PdfRef ? entry : undefined);
  }
  const refs: PdfRef[] = [];
  for (const der of items) {
    const print = fingerprint(der);
    if (known.has(print)) {
      const ref = known.get(print);
      if (ref && !refs.includes(ref)) refs.push(ref);
      continue;
    }
    const ref = update.allocate();
    update.set(ref, new PdfStream(new PdfDict(), der));
    entries.push(ref);
    known.set(print, ref);
    refs.push(ref);
  }
  if (entries.length > 0) dss.set(key, entries);
  return refs;
}

function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}
