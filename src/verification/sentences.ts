/**
 * The plain-language sentences of the report, in Swedish and English: one per signature, and the words
 * they share with the justering verdict (justering.ts) and the summary (summary.ts). Times are shown in
 * Swedish time (Europe/Stockholm). Pure.
 */
import { SEAL_FIELD } from '../domain/roles';
import { stockholmMinute } from '../domain/stockholm-time';
import type { DocumentFormat, Reason, ReasonCode, SignatureProfile, SignatureResult } from './model';
import { INFORMATIONAL } from './policy';

const FORMATTED = new Map<string, string>();

/** "2023-10-03 09:32" in Swedish time (memoised: Intl formatting costs more than the rest of a sentence). */
export function swedishTime(iso: string): string {
  let text = FORMATTED.get(iso);
  if (text === undefined) {
    text = stockholmMinute(new Date(iso));
    if (FORMATTED.size > 4096) FORMATTED.clear();
    FORMATTED.set(iso, text);
  }
  return text;
}

const REASONS: Record<ReasonCode, { sv: string; en: string }> = {
  BYTE_RANGE_MISSING: { sv: 'signaturen saknar /ByteRange', en: 'the signature has no /ByteRange' },
  BYTE_RANGE_MALFORMED: { sv: 'signaturens /ByteRange är felaktig', en: 'the signature\'s /ByteRange is malformed' },
  BYTE_RANGE_NOT_AT_REVISION_END: { sv: 'de signerade byten slutar inte vid en version av dokumentet', en: 'the signed bytes do not end at a revision of the document' },
  BYTE_RANGE_GAP_NOT_CONTENTS: { sv: 'det osignerade utrymmet är inte bara signaturvärdet (signature wrapping)', en: 'the unsigned gap is not just the signature value (signature wrapping)' },
  XREF_OUTSIDE_SIGNED_RANGE: { sv: 'dokumentets struktur ligger delvis utanför det signerade', en: 'part of the document structure lies outside the signed bytes' },
  CONTENTS_MISSING: { sv: 'signaturvärdet (/Contents) saknas', en: 'the signature value (/Contents) is missing' },
  SUBFILTER_UNSUPPORTED: { sv: 'signaturformatet (/SubFilter) stöds inte', en: 'the signature format (/SubFilter) is not supported' },
  SIGNATURE_DICTIONARY_MALFORMED: { sv: 'signaturens ordlista är felaktig', en: 'the signature dictionary is malformed' },
  CMS_MALFORMED: { sv: 'signaturvärdet är inte en läsbar CMS-signatur', en: 'the signature value is not a readable CMS signature' },
  CMS_SIGNER_COUNT: { sv: 'signaturvärdet innehåller mer än en undertecknare', en: 'the signature value holds more than one signer' },
  CMS_ATTRIBUTES_MALFORMED: { sv: 'signaturens signerade attribut är felaktiga', en: 'the signed attributes are malformed' },
  CMS_CONTENT_TYPE: { sv: 'signaturens innehållstyp är fel', en: 'the signature\'s content type is wrong' },
  MESSAGE_DIGEST_MISSING: { sv: 'signaturen saknar hashvärde', en: 'the signature has no message digest' },
  MESSAGE_DIGEST_MISMATCH: { sv: 'dokumentet har ändrats i de signerade delarna', en: 'the signed bytes of the document were changed' },
  SIGNER_CERTIFICATE_NOT_FOUND: { sv: 'undertecknarens certifikat saknas', en: 'the signer\'s certificate is missing' },
  SIGNING_CERTIFICATE_REFERENCE_MISSING: { sv: 'signaturen pekar inte ut sitt certifikat (signing-certificate-v2)', en: 'the signature does not bind its certificate (signing-certificate-v2)' },
  SIGNING_CERTIFICATE_REFERENCE_MISMATCH: { sv: 'signaturen pekar ut ett annat certifikat än det som använts', en: 'the signature binds another certificate than the one used' },
  CMS_SIGNING_TIME_PRESENT: { sv: 'signaturen har en otillåten signeringstid i CMS', en: 'the signature carries a CMS signing time, which PAdES forbids' },
  SIGNATURE_INVALID: { sv: 'signaturvärdet stämmer inte med certifikatets nyckel', en: 'the signature value does not match the certificate\'s key' },
  TIMESTAMP_MALFORMED: { sv: 'tidsstämpeln går inte att läsa', en: 'the timestamp cannot be read' },
  TIMESTAMP_IMPRINT_MISMATCH: { sv: 'tidsstämpeln hör inte till denna signatur', en: 'the timestamp does not belong to this signature' },
  TIMESTAMP_SIGNATURE_INVALID: { sv: 'tidsstämpelns signatur är ogiltig', en: 'the timestamp\'s signature is invalid' },
  TIMESTAMP_UNTRUSTED: { sv: 'tidsstämpeln kommer från en tidsstämplingstjänst som inte är betrodd', en: 'the timestamp comes from an untrusted time-stamping authority' },
  TIMESTAMP_NOT_FOR_TIMESTAMPING: { sv: 'tidsstämpelns certifikat är inte avsett för tidsstämpling', en: 'the timestamp certificate is not meant for time-stamping' },
  CHAIN_NOT_TRUSTED: { sv: 'certifikatet är inte utfärdat av en betrodd utfärdare', en: 'the certificate is not issued by a trusted authority' },
  CHAIN_CONSTRAINTS: { sv: 'certifikatkedjan bryter mot sina begränsningar', en: 'the certificate chain breaks its constraints' },
  CERTIFICATE_EXPIRED_NO_POE: { sv: 'certifikatet har gått ut och ingen tidsstämpel visar att signaturen gjordes innan', en: 'the certificate has expired and no timestamp proves the signature was made before' },
  CERTIFICATE_NOT_YET_VALID: { sv: 'certifikatet var ännu inte giltigt', en: 'the certificate was not yet valid' },
  CERTIFICATE_REVOKED: { sv: 'certifikatet är spärrat', en: 'the certificate is revoked' },
  REVOCATION_UNKNOWN: { sv: 'spärrstatus kunde inte kontrolleras', en: 'revocation status could not be checked' },
  KEY_USAGE: { sv: 'certifikatet får inte användas för signaturer', en: 'the certificate may not be used for signatures' },
  DOCMDP_NOT_FIRST: { sv: 'en certifierande signatur som inte är den första', en: 'a certifying signature that is not the first' },
  DOCMDP_VIOLATION: { sv: 'dokumentet har ändrats på ett sätt som certifieringen förbjuder', en: 'the document was changed in a way its certification forbids' },
  FIELD_LOCKED: { sv: 'ett låst fält har ändrats', en: 'a locked field was changed' },
  ILLEGAL_MODIFICATION: { sv: 'dokumentet har ändrats efter signeringen', en: 'the document was changed after signing' },
  UNREADABLE_REVISION: { sv: 'data har lagts till efter signeringen som inte går att läsa', en: 'unreadable data was added after signing' },
  FILE_TRUNCATED: { sv: 'filen är avkortad: de signerade byten finns inte kvar', en: 'the file is truncated: the signed bytes are not all there' },
  SIGNATURE_REMOVED: { sv: 'signaturen har tagits bort ur dokumentets formulär i en senare version', en: 'a later revision removed the signature from the document\'s form' },
  ALGORITHM_UNSUPPORTED: { sv: 'signaturens algoritm kan inte kontrolleras', en: 'the signature\'s algorithm cannot be checked' },
  ALGORITHM_WEAK: { sv: 'signaturen använder en svag algoritm, godtagen eftersom den bevisligen fanns före algoritmens slutdatum', en: 'the signature uses a weak algorithm, accepted because it provably existed before the algorithm\'s sunset' },
  ALGORITHM_EXPIRED: { sv: 'signaturen använder en algoritm som inte längre är säker och inget bevisar att den fanns innan dess', en: 'the signature uses an algorithm that is no longer secure and nothing proves it existed before then' },
};

export function reasonText(reason: Reason): { sv: string; en: string } {
  return REASONS[reason.code];
}

/** The CN of an RFC 4514 name, or the whole name when it has none. */
export function commonName(subject: string): string {
  const match = /(?:^|,)CN=((?:\\.|[^,\\])*)/.exec(subject);
  return match ? match[1].replace(/\\(.)/g, '$1') : subject;
}

export function who(result: SignatureResult): string {
  if (result.kind === 'document-timestamp') return commonName(result.timestamp?.tsa || '?');
  const names = result.signerNames;
  if (names?.givenName && names.surname) return `${names.givenName} ${names.surname}`;
  return names?.commonName ?? names?.organization ?? result.signer?.subject ?? '?';
}

/** One sentence per signature, e.g. "Giltig signatur av justerare Sara Grolander, 2023-10-03 09:32 (tidsstämplad)." */
export function signatureSentence(result: SignatureResult): { sv: string; en: string } {
  const time = result.provenTime?.time ?? result.claimedTime;
  const when = time ? ` ${swedishTime(time)}` : '';
  const proven = result.provenTime ? { sv: ' (tidsstämplad)', en: ' (timestamped)' } : { sv: ' (enligt egen uppgift)', en: ' (claimed)' };
  if (result.kind === 'document-timestamp' && result.indication === 'TOTAL_PASSED') {
    const tsa = commonName(result.timestamp?.tsa ?? '?');
    return { sv: `Giltig dokumenttidsstämpel${when} från ${tsa}.`, en: `Valid document timestamp${when} from ${tsa}.` };
  }
  if (result.role?.field === SEAL_FIELD && result.indication === 'TOTAL_PASSED') {
    const organisation = result.signerNames?.organization ?? who(result);
    return { sv: `Giltigt sigill från ${organisation}${when}${proven.sv}.`, en: `Valid seal of ${organisation}${when}${proven.en}.` };
  }
  const role = result.role ? { sv: `${result.role.sv.toLowerCase()} `, en: `${result.role.en.toLowerCase()} ` } : { sv: '', en: '' };
  const name = who(result);
  if (result.indication === 'TOTAL_PASSED') {
    return {
      sv: `Giltig signatur av ${role.sv}${name}${when}${proven.sv}.`,
      en: `Valid signature by ${role.en}${name}${when}${proven.en}.`,
    };
  }
  const decisive = result.problems.find((problem) => !INFORMATIONAL.has(problem.code));
  const why = decisive ? reasonText(decisive) : { sv: 'signaturen kunde inte bekräftas', en: 'the signature could not be confirmed' };
  const field = `"${result.field}"`;
  if (result.indication === 'TOTAL_FAILED') {
    return { sv: `Ogiltig signatur i fältet ${field} (${role.sv}${name}): ${why.sv}.`, en: `Invalid signature in field ${field} (${role.en}${name}): ${why.en}.` };
  }
  // ETSI INDETERMINATE with intact bytes (a foreign or expired chain): say that the content is unchanged.
  const intact = result.integrity.intact && result.integrity.cryptoValid && result.after !== 'ILLEGAL_CHANGES';
  return {
    sv: `Signaturen i fältet ${field} (${role.sv}${name}) kan inte bekräftas: ${why.sv}.${intact ? ' Det signerade innehållet är oförändrat.' : ''}`,
    en: `The signature in field ${field} (${role.en}${name}) cannot be confirmed: ${why.en}.${intact ? ' The signed content is unchanged.' : ''}`,
  };
}

/** The profile line: "PAdES B-LTA", or "CMS, not PAdES baseline: signingTime attribute present". */
export function profileSentence(profile: SignatureProfile): { sv: string; en: string } {
  if (profile.padesBaseline) return { sv: profile.level, en: profile.level };
  const sv = profile.notes.map((note) => note.sv).join('; ');
  const en = profile.notes.map((note) => note.en).join('; ');
  return { sv: `CMS, inte PAdES baseline${sv ? `: ${sv}` : ''}`, en: `CMS, not PAdES baseline${en ? `: ${en}` : ''}` };
}

/** The formats the document claims, as the archivist reads them: claims, not a validator's verdict. */
export function formatSentence(format: DocumentFormat | undefined): { sv: string; en: string } {
  const claims = [format?.pdfa, format?.pdfua].filter((claim): claim is string => claim !== undefined);
  const tagged = format?.tagged ?? false;
  const claimed = claims.length > 0 ? { sv: `Anger ${joinList(claims, 'och')}`, en: `Claims ${joinList(claims, 'and')}` } : { sv: 'Anger inte PDF/A (arkivformat)', en: 'Claims no PDF/A (archival format)' };
  return {
    sv: `${claimed.sv}; ${tagged ? 'taggad (struktur för skärmläsare)' : 'inte taggad'}. Det är dokumentets egna uppgifter, inte en kontroll mot standarden.`,
    en: `${claimed.en}; ${tagged ? 'tagged (structure for screen readers)' : 'not tagged'}. These are the document's own claims, not a check against the standard.`,
  };
}

export function quote(text: string): string {
  return `"${text}"`;
}

export function joinList(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
