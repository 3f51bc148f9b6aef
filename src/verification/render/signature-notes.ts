/**
 * What a reader of any report needs to know about a signature beside its verdict, in one wording for the
 * terminal, the HTML report, the public page and the PDF report: a pseudonym that is not a personnummer,
 * a CMS that is not PAdES baseline, a dictionary shared by several fields, a signature a later update
 * removed, the changes after it that the rules allowed, and objects appended after it that nothing uses.
 */
import type { SignatureResult, VerificationReport } from '../model';
import { profileSentence } from '../sentences';

export type Language = 'sv' | 'en';

/** '+' an allowed change, '!' a warning, '' a fact. */
export interface SignatureNote {
  kind: 'pseudonym' | 'profile' | 'shared' | 'removed' | 'salvaged' | 'allowed-change' | 'unreferenced';
  mark: '' | '+' | '!';
  text: string;
}

export interface NoteOptions {
  /** List at most this many allowed changes, then say how many more there are. */
  maxChanges?: number;
  /** Where the full list is, for the "more" line. */
  fullListHint?: { sv: string; en: string };
}

export function signatureNotes(signature: SignatureResult, language: Language, options: NoteOptions = {}): SignatureNote[] {
  const sv = language === 'sv';
  const notes: SignatureNote[] = [];
  if (signature.signerNames?.pseudonym) notes.push({ kind: 'pseudonym', mark: '', text: `${sv ? 'Pseudonym (inget personnummer)' : 'Pseudonym (not a personal identity number)'}: ${signature.signerNames.pseudonym}` });
  if (signature.profile && !signature.profile.padesBaseline) notes.push({ kind: 'profile', mark: '', text: `${sv ? 'Profil' : 'Profile'}: ${profileSentence(signature.profile)[language]}` });
  if (signature.alsoFields) notes.push({ kind: 'shared', mark: '', text: `${sv ? 'Samma signatur är även värdet i' : 'The same signature is also the value of'}: ${signature.alsoFields.join(', ')}` });
  if (signature.removed) {
    notes.push({ kind: 'removed', mark: '!', text: `${sv ? `Borttagen ur formuläret i version ${signature.removed.revision}` : `Removed from the form in revision ${signature.removed.revision}`} (${signature.removed.how})` });
  }
  if (signature.salvaged) notes.push({ kind: 'salvaged', mark: '!', text: sv ? 'Hittad genom genomsökning av en skadad fil: kan inte kontrolleras' : 'Found by scanning a damaged file: cannot be checked' });
  const changes = signature.allowedChanges ?? [];
  const shown = options.maxChanges === undefined ? changes : changes.slice(0, options.maxChanges);
  for (const change of shown) {
    const where = `${sv ? 'version' : 'revision'} ${change.revision}${change.page !== undefined ? `, ${sv ? 'sida' : 'page'} ${change.page}` : ''}`;
    notes.push({ kind: 'allowed-change', mark: '+', text: `${change.level}: ${change.what} (${where})` });
  }
  if (shown.length < changes.length) {
    const rest = changes.length - shown.length;
    const hint = options.fullListHint ? ` (${options.fullListHint[language]})` : '';
    notes.push({ kind: 'allowed-change', mark: '+', text: sv ? `ytterligare ${rest} tillåtna ändringar${hint}` : `${rest} more allowed changes${hint}` });
  }
  const unreferenced = signature.unreferencedAfter;
  if (unreferenced) {
    notes.push({
      kind: 'unreferenced',
      mark: '!',
      text: sv
        ? `${unreferenced.count} objekt (${unreferenced.bytes} byte) tillagda efter signaturen som inget i dokumentet hänvisar till`
        : `${unreferenced.count} object(s) (${unreferenced.bytes} bytes) added after the signature that nothing in the document refers to`,
    });
  }
  return notes;
}

/** What the reader tolerated in the file (an xref offset corrected, …): no verdict changes, but it is said. */
export function documentWarningTexts(report: VerificationReport, language: Language): string[] {
  return (report.documentWarnings ?? []).map((warning) => `${language === 'sv' ? 'Varning' : 'Warning'} ${warning.code}: ${warning.detail}`);
}
