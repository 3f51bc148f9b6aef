/**
 * The one-paragraph answer per document, in Swedish and English. For a justering document it leads with
 * the justering verdict; for any other PDF it says who signed and whether the signatures hold.
 */
import type { Indication, JusteringVerdict, SignatureResult } from './model';
import { joinList, swedishTime, who } from './sentences';

type Text = { sv: string; en: string };

export function summarize(indication: Indication, justering: JusteringVerdict | undefined, signatures: readonly SignatureResult[]): Text {
  if (signatures.length === 0) {
    return { sv: 'Dokumentet har inga signaturer.', en: 'The document has no signatures.' };
  }
  const bad = signatures.filter((result) => result.indication !== 'TOTAL_PASSED');
  const details = { sv: bad.map((result) => result.sentence.sv).join(' '), en: bad.map((result) => result.sentence.en).join(' ') };
  const closing = justering?.sentence ?? signedBy(signatures);
  if (indication === 'TOTAL_PASSED') {
    return justering === undefined || justering.complete
      ? { sv: `Äkta. ${closing.sv}`, en: `Authentic. ${closing.en}` }
      : { sv: `Äkta signaturer. ${closing.sv}`, en: `Authentic signatures. ${closing.en}` };
  }
  const tail = justering ? closing : { sv: '', en: '' };
  const verdict = indication === 'TOTAL_FAILED' ? { sv: 'Inte äkta.', en: 'Not authentic.' } : { sv: 'Kan inte bekräftas.', en: 'Cannot be confirmed.' };
  return {
    sv: [verdict.sv, details.sv, tail.sv].filter(Boolean).join(' '),
    en: [verdict.en, details.en, tail.en].filter(Boolean).join(' '),
  };
}

/** "Signerat av A (2023-10-03 09:32) och B." for a document that is not a justering document. */
function signedBy(signatures: readonly SignatureResult[]): Text {
  const people = signatures.filter((result) => result.kind !== 'document-timestamp');
  const stamps = signatures.length - people.length;
  const named = people.map((result) => {
    const time = result.provenTime?.time ?? result.claimedTime;
    return `${who(result)}${time ? ` (${swedishTime(time)})` : ''}`;
  });
  const sv: string[] = [];
  const en: string[] = [];
  if (named.length > 0) {
    sv.push(`Signerat av ${joinList(named, 'och')}`);
    en.push(`Signed by ${joinList(named, 'and')}`);
  }
  if (stamps > 0) {
    sv.push(stamps === 1 ? 'en dokumenttidsstämpel' : `${stamps} dokumenttidsstämplar`);
    en.push(stamps === 1 ? 'one document timestamp' : `${stamps} document timestamps`);
  }
  return { sv: `${joinList(sv, 'med')}.`, en: `${joinList(en, 'with')}.` };
}
