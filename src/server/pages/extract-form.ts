/**
 * The secretary's extract form: its flat fields ⇄ the extract JSON that parseExtract validates, and the
 * mapping of a validation issue's path back to the form field that holds it. No rules of its own:
 * empty optional fields and empty rows are left out and parseExtract decides what is valid, and which
 * fields the form marks as required (isRequiredPath).
 */
import { isRequiredPath, type Person, type ProtocolMeta } from '../../domain/extract';

export type FormValues = Record<string, string>;

/** The signers' prefixes in the form: the ordförande, then the justerare in field order. */
export const SIGNER_PREFIXES = ['chair', 'adjuster1', 'adjuster2'] as const;
export type SignerPrefix = (typeof SIGNER_PREFIXES)[number];

/** The form's repeated rows: statements (yttranden), further sections, documents (handlingar), by the parts of one row. */
export const ROW_GROUPS = {
  statement: ['Kind', 'Author', 'Party', 'Intro', 'Text'],
  section: ['Heading', 'Text'],
  document: ['Id', 'Title'],
} as const;
export type RowGroup = keyof typeof ROW_GROUPS;

/** The field that says how many rows of a group the form showed (the "more rows" button adds one). */
export function rowsField(group: RowGroup): string {
  return `${group}Rows`;
}

const PLAIN_PATHS: Record<string, string> = {
  body: 'body',
  meetingDate: 'meetingDate',
  deadline: 'deadline',
  paragraphs: 'paragraphs',
  title: 'title',
  subtitle: 'subtitle',
  caseNumber: 'caseNumber',
  sections: 'decision',
  'sections.decision': 'decision',
  'sections.summary': 'summary',
  'sections.decisionProcess': 'decisionProcess',
  'sections.statements': 'statement1Kind',
  'sections.extraSections': 'section1Heading',
  documents: 'document1Id',
  storageLocation: 'storageLocation',
  immediateAdjustment: 'immediateAdjustment',
  'participants.secretary.name': 'secretaryName',
  'participants.secretary.email': 'secretaryEmail',
  signingOrder: 'signingOrder',
  locale: 'locale',
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

/** The highest row number of a group with anything written in it (0 for none). */
export function filledRows(values: FormValues, group: RowGroup): number {
  let last = 0;
  for (const name of Object.keys(values)) {
    const match = new RegExp(`^${group}(\\d+)(${ROW_GROUPS[group].join('|')})$`).exec(name);
    if (match && optional(values[name]) !== undefined) last = Math.max(last, Number(match[1]));
  }
  return last;
}

/** The rows of a group as objects with the parts in lower camel case; rows with nothing written are left out. */
function rowsFrom(values: FormValues, group: RowGroup): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (let n = 1; n <= filledRows(values, group); n++) {
    const row: Record<string, string> = {};
    for (const part of ROW_GROUPS[group]) {
      const value = values[`${group}${n}${part}`];
      if (optional(value) !== undefined) row[part[0]!.toLowerCase() + part.slice(1)] = value!;
    }
    if (Object.keys(row).length > 0) rows.push(row);
  }
  return rows;
}

/** The extract JSON the form describes, for parseExtract. */
export function extractInputFromForm(values: FormValues): unknown {
  const subtitle = optional(values.subtitle);
  const summary = optional(values.summary);
  const decisionProcess = optional(values.decisionProcess);
  const secretaryEmail = optional(values.secretaryEmail);
  const deadline = optional(values.deadline);
  const statements = rowsFrom(values, 'statement').map((row) => ({ kind: row.kind ?? '', author: row.author ?? '', text: row.text ?? '', ...(row.party ? { party: row.party } : {}), ...(row.intro ? { intro: row.intro } : {}) }));
  return {
    body: values.body ?? '',
    meetingDate: values.meetingDate ?? '',
    ...(deadline ? { deadline } : {}),
    paragraphs: (values.paragraphs ?? '').split(',').map((p) => p.trim().replace(/^§+\s*/, '')).filter((p) => p !== ''),
    title: values.title ?? '',
    ...(subtitle ? { subtitle } : {}),
    caseNumber: values.caseNumber ?? '',
    sections: {
      decision: values.decision ?? '',
      ...(summary ? { summary } : {}),
      ...(decisionProcess ? { decisionProcess } : {}),
      statements,
      extraSections: rowsFrom(values, 'section').map((row) => ({ heading: row.heading ?? '', text: row.text ?? '' })),
    },
    documents: rowsFrom(values, 'document').map((row) => ({ id: row.id ?? '', title: row.title ?? '' })),
    immediateAdjustment: values.immediateAdjustment === 'ja',
    storageLocation: values.storageLocation ?? '',
    participants: { ...participantsFromForm(values), secretary: { name: values.secretaryName ?? '', ...(secretaryEmail ? { email: secretaryEmail } : {}) } },
    signingOrder: values.signingOrder === 'chair-last' ? 'chair-last' : 'parallel',
    locale: values.locale === 'en' ? 'en' : 'sv',
  };
}

/** The personnummer as the form shows it: YYYYMMDD-NNNN. */
function displayPersonnummer(value: string | undefined): string {
  return value && /^\d{12}$/.test(value) ? `${value.slice(0, 8)}-${value.slice(8)}` : (value ?? '');
}

/** The form's values for a stored extract's signers (to change them before sending or after a decline). */
export function signerValuesOf(extract: ProtocolMeta): FormValues {
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

/** The whole form filled in from a stored extract ("Redigera"). */
export function formValuesOf(extract: ProtocolMeta): FormValues {
  const values: FormValues = {
    body: extract.body,
    meetingDate: extract.meetingDate,
    deadline: extract.deadline ?? '',
    paragraphs: extract.paragraphs.join(', '),
    title: extract.title,
    subtitle: extract.subtitle ?? '',
    caseNumber: extract.caseNumber,
    decision: extract.sections?.decision ?? '',
    summary: extract.sections?.summary ?? '',
    decisionProcess: extract.sections?.decisionProcess ?? '',
    storageLocation: extract.storageLocation,
    secretaryName: extract.participants.secretary.name,
    secretaryEmail: extract.participants.secretary.email ?? '',
    signingOrder: extract.signingOrder,
    locale: extract.locale,
    ...(extract.immediateAdjustment ? { immediateAdjustment: 'ja' } : {}),
    ...signerValuesOf(extract),
  };
  extract.sections?.statements.forEach((s, i) => {
    Object.assign(values, { [`statement${i + 1}Kind`]: s.kind, [`statement${i + 1}Author`]: s.author, [`statement${i + 1}Party`]: s.party ?? '', [`statement${i + 1}Intro`]: s.intro ?? '', [`statement${i + 1}Text`]: s.text });
  });
  extract.sections?.extraSections.forEach((s, i) => Object.assign(values, { [`section${i + 1}Heading`]: s.heading, [`section${i + 1}Text`]: s.text }));
  extract.documents.forEach((d, i) => Object.assign(values, { [`document${i + 1}Id`]: d.id, [`document${i + 1}Title`]: d.title }));
  return values;
}

const ROW_PATHS: [RegExp, RowGroup][] = [
  [/^sections\.statements\.(\d+)(?:\.(\w+))?/, 'statement'],
  [/^sections\.extraSections\.(\d+)(?:\.(\w+))?/, 'section'],
  [/^documents\.(\d+)(?:\.(\w+))?/, 'document'],
];

/** The form field an issue's path (`participants.adjusters.1.email`, `paragraphs.0`) points at. */
export function formFieldOfPath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const signer = /^participants\.(chair|adjusters\.(\d))(?:\.(name|personnummer|email))?/.exec(path);
  if (signer) {
    const prefix = signer[1] === 'chair' ? 'chair' : `adjuster${Number(signer[2]) + 1}`;
    const part = signer[3] ?? 'name';
    return `${prefix}${part[0]!.toUpperCase()}${part.slice(1)}`;
  }
  if (/^participants\.adjusters$/.test(path)) return 'adjuster1Name';
  if (path.startsWith('paragraphs')) return 'paragraphs';
  for (const [pattern, group] of ROW_PATHS) {
    const row = pattern.exec(path);
    if (!row) continue;
    const parts: readonly string[] = ROW_GROUPS[group];
    const part = row[2] ? `${row[2][0]!.toUpperCase()}${row[2].slice(1)}` : parts[0]!;
    return `${group}${Number(row[1]) + 1}${parts.includes(part) ? part : parts[0]!}`;
  }
  return PLAIN_PATHS[path];
}

/** The path in the extract of one of the form's single fields or signer fields (the inverse of formFieldOfPath). */
function pathOfFormField(name: string): string | undefined {
  const signer = /^(chair|adjuster(\d))(Name|Personnummer|Email)$/.exec(name);
  if (signer) {
    const person = signer[2] === undefined ? 'chair' : `adjusters.${Number(signer[2]) - 1}`;
    return `participants.${person}.${signer[3]![0]!.toLowerCase()}${signer[3]!.slice(1)}`;
  }
  // The longest path that leads to the field: `sections.decision`, not `sections`.
  return Object.keys(PLAIN_PATHS)
    .filter((path) => PLAIN_PATHS[path] === name)
    .sort((a, b) => b.length - a.length)[0];
}

/** Whether the form marks a field as required: when the extract cannot go without the value it holds. */
export function isRequiredFormField(name: string): boolean {
  const path = pathOfFormField(name);
  if (path === undefined) throw new RangeError(`"${name}" is not a field of the extract form`);
  return isRequiredPath(path);
}
