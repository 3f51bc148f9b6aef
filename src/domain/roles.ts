/**
 * Who signs an extract, in which pre-laid signature field, and what the role is called in Swedish and
 * English. The field names are a contract between assembly, signing, verification and the service
 * (docs/documents.md, "Field names and roles"); they never change once a document exists.
 */
import type { Extract, Person } from './extract';

/** The organisation's seal: certification signature with DocMDP P=2, invisible. */
export const SEAL_FIELD = 'sigill';
/** The ordförande's signature. */
export const CHAIR_FIELD = 'ordforande';
/** The justerare's signatures, in the order the extract names them. */
export const ADJUSTER_FIELDS = ['justerare-1', 'justerare-2'] as const;
/** The document timestamp (B-LTA) appended after the last required signature, invisible. */
export const DOCUMENT_TIMESTAMP_FIELD = 'tidsstampel';

export type AdjusterField = (typeof ADJUSTER_FIELDS)[number];
export type SignerField = typeof CHAIR_FIELD | AdjusterField;
export type FieldName = typeof SEAL_FIELD | SignerField | typeof DOCUMENT_TIMESTAMP_FIELD;

/** Persisted role values (STYLE.md: fixed English strings). */
export type SignerRole = 'chair' | 'adjuster';
export type Role = SignerRole | 'seal' | 'document-timestamp';
export type Locale = 'sv' | 'en';

const ROLE_LABELS: Record<Role, Record<Locale, string>> = {
  chair: { sv: 'Ordförande', en: 'Chair' },
  adjuster: { sv: 'Justerare', en: 'Adjuster' },
  seal: { sv: 'Sigill', en: 'Seal' },
  'document-timestamp': { sv: 'Dokumenttidsstämpel', en: 'Document timestamp' },
};

export function roleLabel(role: Role, locale: Locale = 'sv'): string {
  return ROLE_LABELS[role][locale];
}

/**
 * A signature field's /TU, what a screen reader says for it (PDF/UA-1 7.18.1): "Signatur: ordförande
 * Johan Nilsson". Signing leaves it: it stays true, and a change of /TU is no part of filling in a field
 * for other validators (pyHanko), so rewriting it would make them call the earlier signatures modified.
 * The signed appearance shows who signed and when. `roleText` is the role's label ("Ordförande").
 */
export function signatureFieldDescription(roleText: string, name: string): string {
  return `Signatur: ${roleText.toLocaleLowerCase('sv')} ${name}`;
}

/** One person whose signature the justering needs, and the field it goes into. */
export interface RequiredSigner {
  field: SignerField;
  role: SignerRole;
  person: Person;
}

/** The required signers in field order: the ordförande, then each justerare (KL 5 kap. 69 §: all of them). */
export function requiredSigners(extract: Pick<Extract, 'participants'>): RequiredSigner[] {
  const signers: RequiredSigner[] = [{ field: CHAIR_FIELD, role: 'chair', person: extract.participants.chair }];
  extract.participants.adjusters.forEach((person, index) => {
    signers.push({ field: ADJUSTER_FIELDS[index], role: 'adjuster', person });
  });
  return signers;
}

/** The names of the fields that must all be signed before the extract is justerat. */
export function requiredFields(extract: Pick<Extract, 'participants'>): SignerField[] {
  return requiredSigners(extract).map((signer) => signer.field);
}

/** Every field an assembled extract carries, in the order they are laid out in /AcroForm /Fields. */
export function allFields(extract: Pick<Extract, 'participants'>): FieldName[] {
  return [SEAL_FIELD, ...requiredFields(extract), DOCUMENT_TIMESTAMP_FIELD];
}

/** The role a field name stands for, or undefined for a name that is not ours. */
export function roleOfField(field: string): Role | undefined {
  if (field === SEAL_FIELD) return 'seal';
  if (field === CHAIR_FIELD) return 'chair';
  if ((ADJUSTER_FIELDS as readonly string[]).includes(field)) return 'adjuster';
  if (field === DOCUMENT_TIMESTAMP_FIELD) return 'document-timestamp';
  return undefined;
}
