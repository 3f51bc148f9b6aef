/**
 * Phase "open": parses the file strictly and reads what every later phase needs from the latest revision
 * (signature fields, the /DSS). When the tail is not a readable revision, falls back to the longest prefix
 * that ends at a revision and reads completely. This is not a repair: the tail is reported, and the change
 * analysis treats it as an illegal change of every signature before it (PADES-NOTES, incremental saving).
 */
import { PdfFormatError } from '../../errors';
import { listFields } from '../../pdf/acroform';
import { resolveLimits, type PdfLimits } from '../../pdf/limits';
import { PdfRef, PdfStream, type PdfDict } from '../../pdf/objects';
import { PdfFile } from '../../pdf/parser';
import type { Reason } from '../model';
import { indexPages, signatureFields, type SignatureField } from '../facts/document-structure';
import { salvageSignatures, type SalvagedSignature } from '../facts/salvage';

/** Certificates, CRLs and OCSP responses of the /DSS and of its /VRI entries (ETSI EN 319 142-1, 5.4.2). */
export interface ValidationData {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
}

export interface OpenedDocument {
  file: PdfFile;
  fields: SignatureField[];
  /** Undefined when the document has no /DSS. */
  validationData?: ValidationData;
  /** Offset of trailing bytes that are not a readable revision. */
  appendedFrom?: number;
  /** Signed fields named by an unreadable last revision, so that none silently vanishes. */
  lostSignatures: string[];
  /** Signature dictionaries a scan finds in the unreadable tail (a truncated or corrupted last revision). */
  salvaged: SalvagedSignature[];
  /** The file length without trailing white-space and NUL bytes. */
  contentEnd: number;
  problems: Reason[];
}

/**
 * Throws PdfFormatError only when no prefix of the file is a readable PDF (then salvageUnreadableFile
 * finds what signatures it can).
 */
export function openDocument(bytes: Uint8Array, limits: Partial<PdfLimits> | undefined): OpenedDocument {
  const problems: Reason[] = [];
  const contentEnd = trimmedEnd(bytes);
  const resolved = resolveLimits(limits);
  let firstError: unknown;
  try {
    const file = PdfFile.parse(bytes, limits);
    const structure = readStructure(file);
    const end = file.latest.endOffset;
    if (contentEnd > end) {
      const detail = `${bytes.length - end} bytes after the last %%EOF are not a revision`;
      problems.push({ code: 'UNREADABLE_REVISION', detail });
      return { ...structure, appendedFrom: end, lostSignatures: [], salvaged: salvageSignatures(bytes, end, resolved, detail), contentEnd, problems };
    }
    return { ...structure, lostSignatures: [], salvaged: [], contentEnd, problems };
  } catch (error) {
    if (!(error instanceof PdfFormatError) || error.code !== 'ERR_PDF_MALFORMED') throw error;
    firstError = error;
  }
  const lostSignatures = signedFieldNames(bytes, limits);
  let tries = 0;
  for (let at = lastIndexOf(bytes, '%%EOF', bytes.length - 1); at > 0 && tries < 8; at = lastIndexOf(bytes, '%%EOF', at - 1), tries++) {
    let end = at + 5;
    if (bytes[end] === 0x0d) end++;
    if (bytes[end] === 0x0a) end++;
    if (end >= bytes.length) continue;
    try {
      const file = PdfFile.parse(bytes.subarray(0, end), limits);
      // Something in this file is broken: the prefix we fall back to must read completely.
      file.readAllObjects();
      const structure = readStructure(file);
      const detail = `bytes from offset ${end} do not form a readable revision: ${(firstError as Error).message}`;
      problems.push({ code: 'UNREADABLE_REVISION', detail });
      return { ...structure, appendedFrom: end, lostSignatures, salvaged: salvageSignatures(bytes, end, resolved, detail), contentEnd, problems };
    } catch {
      // try the revision before
    }
  }
  throw firstError;
}

/**
 * The signature dictionaries of a file that openDocument could not read at all (a corrupted or truncated
 * file); empty for anything but a malformed file (a limit or an unsupported feature stays an error).
 */
export function salvageUnreadableFile(bytes: Uint8Array, limits: Partial<PdfLimits> | undefined, error: unknown): SalvagedSignature[] {
  if (!(error instanceof PdfFormatError) || error.code !== 'ERR_PDF_MALFORMED') return [];
  return salvageSignatures(bytes, 0, resolveLimits(limits), `the file's xref and trailer cannot be read: ${error.message}`);
}

/** What every verification reads from the latest revision; any PdfFormatError here means it is not readable. */
function readStructure(file: PdfFile): Pick<OpenedDocument, 'file' | 'fields' | 'validationData'> {
  const last = file.revisions.length - 1;
  const fields = signatureFields(file, last, indexPages(file, last));
  const validationData = readValidationData(file, last);
  return validationData ? { file, fields, validationData } : { file, fields };
}

/** Names of the signed fields the unreadable file's last revision lists, if it lists any. */
function signedFieldNames(bytes: Uint8Array, limits: Partial<PdfLimits> | undefined): string[] {
  try {
    const file = PdfFile.parse(bytes, limits);
    return listFields(file)
      .filter((field) => field.type === 'Sig' && field.dict.get('V') !== undefined && field.dict.get('V') !== null)
      .map((field) => field.name);
  } catch {
    return [];
  }
}

function lastIndexOf(bytes: Uint8Array, text: string, from: number): number {
  outer: for (let i = Math.min(from, bytes.length - text.length); i >= 0; i--) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

function trimmedEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00)) end--;
  // keep the end-of-line that belongs to %%EOF
  if (bytes[end] === 0x0d) end++;
  if (bytes[end] === 0x0a) end++;
  return end;
}

function readValidationData(file: PdfFile, revision: number): ValidationData | undefined {
  const dss = file.resolveDict(file.catalog(revision).get('DSS'), revision);
  if (!dss) return undefined;
  const vris: PdfDict[] = [];
  const vri = file.resolveDict(dss.get('VRI'), revision);
  for (const key of vri?.keys() ?? []) {
    const entry = file.resolveDict(vri!.get(key), revision);
    if (entry) vris.push(entry);
  }
  const streams = (key: string, vriKey: string): Uint8Array[] => {
    const out: Uint8Array[] = [];
    const items = [dss, ...vris].flatMap((holder) => file.resolveArray(holder.get(holder === dss ? key : vriKey), revision) ?? []);
    // Each /VRI entry names again the streams the /DSS lists: each object is decoded once.
    const seen = new Set<string>();
    for (const item of items) {
      if (item instanceof PdfRef) {
        if (seen.has(item.key)) continue;
        seen.add(item.key);
      }
      const stream = file.resolve(item, revision);
      if (!(stream instanceof PdfStream)) continue;
      try {
        out.push(file.decodeStream(stream, revision));
      } catch {
        // an undecodable entry is simply not validation data
      }
    }
    return out;
  };
  return { certificates: streams('Certs', 'Cert'), crls: streams('CRLs', 'CRL'), ocsps: streams('OCSPs', 'OCSP') };
}
