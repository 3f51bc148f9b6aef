/**
 * The secretary's extract form: its flat fields ⇄ the extract JSON that parseExtract validates, and the
 * mapping of a validation error's field path back to the form field that holds it. No rules of its own:
 * empty optional fields are left out and parseExtract decides what is valid.
 */
import type { Extract, Person } from '../../domain/extract';

export type FormValues = Record<string, string>;

/** The signers' prefixes in the form: the ordförande, then the justerare in field order. */
export const SIGNER_PREFIXES = ['chair', 'adjuster1', 'adjuster2'] as const;
export type SignerPrefix = (typeof SIGNER_PREFIXES)[number];

const PLAIN_PATHS: Record<string, string> = {
  body: 'body',
  meetingDate: 'meetingDate',
  paragraphs: 'paragraphs',
  title: 'title',
  subtitle: 'subtitle',
  caseNumber: 'caseNumber',
  'sections.decision': 'decision',
  'sections.summary': 'summary',
  'sections.decisionProcess': 'decisionProcess',
  storageLocation: 'storageLocation',
  'participants.secretary.name': 'secretaryName',
  'participants.secretary.email': 'secretaryEmail',
  signingOrder: 'signingOrder',
};

function optional(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  return text === '' ? undefined : text;
}

function personFrom(values: FormValues, prefix: SignerPrefix): { name: string; personnummer?: string; email?: string } {
  const personnummer = optional(values[`${prefix}Personnummer`]);
  const email = optional(values[`${prefix}Email`]);
  return { name: values[`${prefix}Name`] ?? '', ...(personnummer ? { personnummer } : {}), ...(email ? { email } : {}) };
}

/** The ordförande and the justerare named in the form (a second justerare only when a name is given). */
export function participantsFromForm(values: FormValues): { chair: Person; adjusters: Person[] } {
  const adjusters = [personFrom(values, 'adjuster1')];
  if (optional(values.adjuster2Name) || optional(values.adjuster2Personnummer) || optional(values.adjuster2Email)) adjusters.push(personFrom(values, 'adjuster2'));
  return { chair: personFrom(values, 'chair'), adjusters };
}

/** The extract JSON the form describes, for parseExtract. */
export function extractInputFromForm(values: FormValues): unknown {
  const subtitle = optional(values.subtitle);
  const summary = optional(values.summary);
  const decisionProcess = optional(values.decisionProcess);
  const secretaryEmail = optional(values.secretaryEmail);
  return {
    body: values.body ?? '',
    meetingDate: values.meetingDate ?? '',
    paragraphs: (values.paragraphs ?? '').split(',').map((p) => p.trim().replace(/^§+\s*/, '')).filter((p) => p !== ''),
    title: values.title ?? '',
    ...(subtitle ? { subtitle } : {}),
    caseNumber: values.caseNumber ?? '',
    sections: { decision: values.decision ?? '', ...(summary ? { summary } : {}), ...(decisionProcess ? { decisionProcess } : {}) },
    storageLocation: values.storageLocation ?? '',
    participants: { ...participantsFromForm(values), secretary: { name: values.secretaryName ?? '', ...(secretaryEmail ? { email: secretaryEmail } : {}) } },
    signingOrder: values.signingOrder === 'chair-last' ? 'chair-last' : 'parallel',
  };
}

/** The personnummer as the form shows it: YYYYMMDD-NNNN. */
function displayPersonnummer(value: string | undefined): string {
  return value && /^\d{12}$/.test(value) ? `${value.slice(0, 8)}-${value.slice(8)}` : (value ?? '');
}

/** The form's values for a stored extract's signers (to change them before sending or after a decline). */
export function signerValuesOf(extract: Extract): FormValues {
  const values: FormValues = {};
  const people: (Person | undefined)[] = [extract.participants.chair, ...extract.participants.adjusters];
  SIGNER_PREFIXES.forEach((prefix, index) => {
    const person = people[index];
    values[`${prefix}Name`] = person?.name ?? '';
    values[`${prefix}Personnummer`] = displayPersonnummer(person?.personnummer);
    values[`${prefix}Email`] = person?.email ?? '';
  });
  return values;
}

/** The form field an error's path (`participants.adjusters.1.email`, `paragraphs.0`) points at. */
export function formFieldOfPath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const signer = /^participants\.(chair|adjusters\.(\d))(?:\.(name|personnummer|email))?/.exec(path);
  if (signer) {
    const prefix = signer[1] === 'chair' ? 'chair' : `adjuster${Number(signer[2]) + 1}`;
    const part = signer[3] ?? 'name';
    return `${prefix}${part[0].toUpperCase()}${part.slice(1)}`;
  }
  if (/^participants\.adjusters$/.test(path)) return 'adjuster1Name';
  if (path.startsWith('paragraphs')) return 'paragraphs';
  return PLAIN_PATHS[path];
}
