/** `--csv`: one row per signature (RFC 4180 quoting), plus one row for a file without signatures or unreadable. */
import { profileSentence } from '../sentences';
import type { FileOutcome } from './batch';
import { terminalSafe } from './terminal-safe';

const COLUMNS = [
  'file', 'sha256', 'document_indication', 'justering_complete', 'field', 'role', 'signer', 'kind', 'indication', 'sub_indication',
  'level', 'claimed_time', 'proven_time', 'tsa', 'revision', 'revisions', 'after', 'coverage', 'sentence_sv', 'sentence_en',
  'profile', 'allowed_changes', 'unreferenced_objects_after',
] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): a PDF's field name
// or signer name must stay text when an archivist opens the list.
const FORMULA_START = /^[=+@\-\t\r]/;

function cell(value: unknown): string {
  const raw = value === undefined || value === null ? '' : String(value);
  const text = terminalSafe(FORMULA_START.test(raw) && !/^-?\d/.test(raw) ? `'${raw}` : raw);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = `${COLUMNS.join(',')}\r\n`;

/** The rows of one file, each ending in CRLF. */
export function csvRows(outcome: FileOutcome): string {
  const rows: string[] = [];
  if (!('report' in outcome)) {
    rows.push([outcome.file, '', 'ERROR', 'false', '', '', '', '', '', outcome.error.code, '', '', '', '', '', '', '', '', outcome.error.message, outcome.error.message, '', '', ''].map(cell).join(','));
    return `${rows.join('\r\n')}\r\n`;
  }
  const { report } = outcome;
  const base = [outcome.file, report.sha256, report.indication, report.justering?.complete ?? ''];
  if (report.signatures.length === 0) {
    rows.push([...base, '', '', '', '', '', '', '', '', '', '', '', report.revisions, '', '', report.summary.sv, report.summary.en, '', '', ''].map(cell).join(','));
  }
  for (const signature of report.signatures) {
    const signer = signature.signerNames?.commonName ?? signature.signer?.subject;
    rows.push([
      ...base, signature.field, signature.role?.sv, signature.kind === 'document-timestamp' ? signature.timestamp?.tsa : signer, signature.kind,
      signature.indication, signature.subIndication, signature.level, signature.claimedTime, signature.provenTime?.time, signature.provenTime?.tsa,
      signature.revision, signature.revisions, signature.after, signature.coverage, signature.sentence.sv, signature.sentence.en,
      signature.profile ? profileSentence(signature.profile).en : undefined,
      signature.allowedChanges?.map((change) => `${change.level}: ${change.what} (revision ${change.revision})`).join('; '),
      signature.unreferencedAfter?.count,
    ].map(cell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export function renderCsv(outcomes: readonly FileOutcome[]): string {
  return CSV_HEADER + outcomes.map(csvRows).join('');
}
