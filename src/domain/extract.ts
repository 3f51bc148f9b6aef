/**
 * The protocol extract (protokollsutdrag) as the secretary hands it to us, validated at the boundary.
 * `parseExtract` is the only way in: it refuses anything malformed with an InputError naming the field
 * path (`participants.adjusters.2`) and what is wrong, and returns normalized text (NFC, `\n` breaks).
 * Pure: no IO, no rendering (src/assembly lays it out).
 */
import { z } from 'zod';
import { InputError } from '../errors';
import { isIsoDate } from './calendar-date';
import { readPersonnummer } from './personnummer';

/** Largest extract JSON we read; a real one is a few tens of KB. */
export const MAX_EXTRACT_JSON_BYTES = 16 * 1024 * 1024;
/** One-line values: names, headings, ids. */
export const MAX_LINE_CHARS = 300;
export const MAX_TITLE_CHARS = 500;
/** One section's text (decision, summary, a statement, ...): about 60 printed pages. */
export const MAX_TEXT_CHARS = 200_000;
/** All texts of one extract together. */
export const MAX_TOTAL_TEXT_CHARS = 1_000_000;
export const MAX_STATEMENTS = 50;
export const MAX_EXTRA_SECTIONS = 50;
export const MAX_DOCUMENTS = 200;
export const MAX_PARAGRAPHS = 50;

/** In parallel, or the ordförande after every justerare (the invitation waits until they have signed). */
export const SIGNING_ORDERS = ['parallel', 'chair-last'] as const;
export type SigningOrder = (typeof SIGNING_ORDERS)[number];

export const STATEMENT_KINDS = ['reservation', 'ersattaryttrande', 'sarskilt-uttalande', 'protokollsanteckning'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** The heading each kind of statement has in a Swedish protocol. */
export const STATEMENT_HEADINGS: Record<StatementKind, string> = {
  reservation: 'Reservation',
  ersattaryttrande: 'Ersättaryttrande',
  'sarskilt-uttalande': 'Särskilt uttalande',
  protokollsanteckning: 'Protokollsanteckning',
};

const STATEMENT_VERBS: Record<StatementKind, string> = {
  reservation: 'reserverade sig mot beslutet',
  ersattaryttrande: 'anmälde ett ersättaryttrande',
  'sarskilt-uttalande': 'anmälde ett särskilt uttalande',
  protokollsanteckning: 'anmälde en protokollsanteckning',
};

// C0/C1 controls and the Unicode line/paragraph separators: nothing a protocol needs, and they would
// print as nothing or break the layout. `\n` is allowed in texts only, `\t` is read as a space. With the
// `u` flag, \uD800-\uDFFF matches only a lone surrogate (a JSON escape such as "\\ud800"): no character,
// it cannot be stored as UTF-8 (the databases would keep U+FFFD) nor printed.
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF]/u;
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF]/u;

function controlCharacterMessage(value: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(value);
  if (!match) return undefined;
  const point = match[0].codePointAt(0) ?? 0;
  const code = point.toString(16).toUpperCase().padStart(4, '0');
  if (point >= 0xd800 && point <= 0xdfff) return `contains a lone UTF-16 surrogate U+${code} at position ${match.index}, which is no character`;
  return `contains the control character U+${code} at position ${match.index}`;
}

/** A one-line value: trimmed, NFC, not empty, no line breaks. */
function line(max = MAX_LINE_CHARS) {
  return z
    .string()
    .max(max)
    .transform((value, ctx) => {
      const text = value.normalize('NFC').trim();
      if (text === '') {
        ctx.issues.push({ code: 'custom', message: 'must not be empty', input: value, params: { problem: 'required' } });
        return z.NEVER;
      }
      const problem = controlCharacterMessage(text, FORBIDDEN_IN_LINE);
      if (problem) {
        ctx.issues.push({ code: 'custom', message: `${problem}; a one-line value cannot hold line breaks or control characters`, input: value, params: { problem: 'characters' } });
        return z.NEVER;
      }
      return text;
    });
}

/** A text of paragraphs: `\n\n` between paragraphs, `\n` a line break inside one (list items, sub-headings). */
function text() {
  return z
    .string()
    .max(MAX_TEXT_CHARS)
    .transform((value, ctx) => {
      const normalized = value
        .normalize('NFC')
        .replace(/\r\n?/g, '\n')
        .replace(/[ \t]+$/gm, '')
        .replace(/^\n+|\s+$/g, '');
      if (normalized === '') {
        ctx.issues.push({ code: 'custom', message: 'must not be empty', input: value, params: { problem: 'required' } });
        return z.NEVER;
      }
      const problem = controlCharacterMessage(normalized, FORBIDDEN_IN_TEXT);
      if (problem) {
        ctx.issues.push({ code: 'custom', message: problem, input: value, params: { problem: 'characters' } });
        return z.NEVER;
      }
      return normalized;
    });
}

const isoDate = z
  .string()
  .max(10, { error: 'must be a date written YYYY-MM-DD' })
  .refine(isIsoDate, { error: (issue) => `must be a real calendar date written YYYY-MM-DD, got "${String(issue.input)}"`, params: { problem: 'date' } });

const personnummer = z
  .string()
  .max(20, { error: 'must be a personnummer written YYYYMMDD-NNNN' })
  .transform((value, ctx) => {
    const reading = readPersonnummer(value);
    if ('problem' in reading) {
      ctx.issues.push({
        code: 'custom',
        message: 'must be a valid personnummer or samordningsnummer written YYYYMMDD-NNNN (12 digits, correct check digit)',
        input: value,
        params: { problem: 'personnummer' },
      });
      return z.NEVER;
    }
    return reading.digits;
  });

const email = z.email({ error: 'must be an e-mail address' }).max(MAX_LINE_CHARS);

const person = z
  .strictObject({
    name: line(),
    personnummer: personnummer.optional(),
    email: email.optional(),
  })
  .superRefine((signer, ctx) => {
    // The invitation must reach the person and the login be matched to them: one of the two is needed.
    if (signer.personnummer === undefined && signer.email === undefined) {
      ctx.addIssue({ code: 'custom', path: ['personnummer'], message: `gives neither personnummer nor e-mail for ${signer.name}; a signer needs one of them`, params: { problem: 'no-contact', subject: signer.name } });
    }
  });

const secretary = z.strictObject({
  name: line(),
  email: email.optional(),
});

const PARAGRAPH_NUMBER_MESSAGE = 'must be a paragraph number such as 12 or "12a"';
const paragraphNumber = z.union(
  [
    z.number({ error: PARAGRAPH_NUMBER_MESSAGE }).int({ error: PARAGRAPH_NUMBER_MESSAGE }).positive({ error: PARAGRAPH_NUMBER_MESSAGE }).max(99_999, { error: PARAGRAPH_NUMBER_MESSAGE }),
    z.string({ error: PARAGRAPH_NUMBER_MESSAGE }).regex(/^\d{1,5}[a-z]?$/, { error: PARAGRAPH_NUMBER_MESSAGE }),
  ],
  { error: PARAGRAPH_NUMBER_MESSAGE },
);

const statement = z.strictObject({
  kind: z.enum(STATEMENT_KINDS, { error: `must be one of ${STATEMENT_KINDS.join(', ')}` }),
  author: line(),
  party: line(40).optional(),
  /** The line before the quoted text, e.g. "Lolita Lovén Johnsen (KD) anmälde ett ersättaryttrande." */
  intro: line(MAX_TITLE_CHARS).optional(),
  text: text(),
});

const extraSection = z.strictObject({
  heading: line(),
  text: text(),
});

const caseDocument = z.strictObject({
  /** The document's diarienummer with its suffix, e.g. "HÄ 2023/418-1.1". */
  id: line(100),
  title: line(MAX_TITLE_CHARS),
});

function countIssue(what: string, max: number) {
  return (issue: { input?: unknown }) =>
    `has ${Array.isArray(issue.input) ? issue.input.length : 'too many'} ${what}; at most ${max}`;
}

const sections = z.strictObject({
  /** Beslut: what the body decided. */
  decision: text(),
  /** Sammanfattning av ärendet. */
  summary: text().optional(),
  /** Beslutsgång: proposals and votes. */
  decisionProcess: text().optional(),
  statements: z.array(statement).max(MAX_STATEMENTS, { error: countIssue('statements', MAX_STATEMENTS) }).default([]),
  /** Further sections with their own heading, printed after the statements. */
  extraSections: z.array(extraSection).max(MAX_EXTRA_SECTIONS, { error: countIssue('sections', MAX_EXTRA_SECTIONS) }).default([]),
}).superRefine(({ decision, summary, decisionProcess, statements, extraSections }, ctx) => {
  const total =
    decision.length +
    (summary?.length ?? 0) +
    (decisionProcess?.length ?? 0) +
    statements.reduce((sum, s) => sum + s.text.length, 0) +
    extraSections.reduce((sum, s) => sum + s.text.length, 0);
  if (total > MAX_TOTAL_TEXT_CHARS) {
    ctx.addIssue({ code: 'custom', path: [], message: `hold ${total} characters of text together; at most ${MAX_TOTAL_TEXT_CHARS}`, params: { problem: 'too-long', limit: MAX_TOTAL_TEXT_CHARS } });
  }
});

const participants = z.strictObject({
  chair: person,
  adjusters: z
    .array(person)
    .min(1, { error: 'names no justerare; an extract has one or two' })
    .max(2, { error: (issue) => `names ${Array.isArray(issue.input) ? issue.input.length : 'more than two'} justerare; an extract has one or two` }),
  secretary,
}).superRefine(({ chair, adjusters }, ctx) => {
  adjusters.forEach((adjuster, index) => {
    const earlier = [chair, ...adjusters.slice(0, index)];
    if (earlier.some((other) => samePerson(other, adjuster))) {
      const role = samePerson(chair, adjuster) ? 'chair' : 'adjuster';
      ctx.addIssue({
        code: 'custom',
        path: ['adjusters', index],
        message: `names ${adjuster.name}, who already signs as ${role === 'chair' ? 'ordförande' : 'justerare'}; each signer signs once`,
        params: { problem: role === 'chair' ? 'same-as-chair' : 'same-as-adjuster', subject: adjuster.name },
      });
    }
  });
});

const extractFields = z
  .strictObject({
    /** The deciding body (organ), e.g. "Hägersten-Älvsjö stadsdelsnämnd". */
    body: line(),
    meetingDate: isoDate,
    paragraphs: z
      .array(paragraphNumber)
      .min(1, { error: 'must name at least one paragraph number' })
      .max(MAX_PARAGRAPHS, { error: countIssue('paragraph numbers', MAX_PARAGRAPHS) })
      .transform((numbers) => numbers.map(String))
      .superRefine((paragraphs, ctx) => {
        const seen = new Set<string>();
        paragraphs.forEach((paragraph, index) => {
          if (seen.has(paragraph)) ctx.addIssue({ code: 'custom', path: [index], message: `names § ${paragraph} twice`, params: { problem: 'duplicate', subject: `§ ${paragraph}` } });
          seen.add(paragraph);
        });
      }),
    title: line(MAX_TITLE_CHARS),
    subtitle: line(MAX_TITLE_CHARS).optional(),
    /** Diarienummer, e.g. "HÄ 2023/418". */
    caseNumber: line(100),
    sections,
    documents: z
      .array(caseDocument)
      .max(MAX_DOCUMENTS, { error: countIssue('documents', MAX_DOCUMENTS) })
      .superRefine((documents, ctx) => {
        const ids = new Set<string>();
        documents.forEach((document, index) => {
          if (ids.has(document.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `lists "${document.id}" twice`, params: { problem: 'duplicate', subject: document.id } });
          ids.add(document.id);
        });
      })
      .default([]),
    participants,
    /** Omedelbar justering: the paragraph was justerad at the meeting and gets its own anslag. */
    immediateAdjustment: z.boolean().default(false),
    /** Sista dag för justering; without it the meeting date plus the usual number of days (extract-service.ts). */
    deadline: isoDate.optional(),
    /** Förvaringsplats: where the signed protocol is kept. */
    storageLocation: line(),
    signingOrder: z.enum(SIGNING_ORDERS, { error: 'must be "parallel" or "chair-last"' }).default('parallel'),
    locale: z.enum(['sv', 'en'], { error: 'must be "sv" or "en"' }).default('sv'),
  });

// Each rule is checked at the values it is about (a person, the paragraphs, ...), so that it is reported
// together with the problems elsewhere; this one needs two fields, so it runs when both dates are valid.
function deadlineAfterMeeting<T extends z.ZodType<{ meetingDate: string; deadline?: string | undefined }>>(schema: T): T {
  return schema.superRefine((extract, ctx) => {
    if (extract.deadline !== undefined && extract.deadline < extract.meetingDate) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: `is ${extract.deadline}, before the meeting (${extract.meetingDate})`, params: { problem: 'deadline-before-meeting' } });
    }
  }, { when: (payload) => bothDates(payload.value) });
}

export const extractSchema = deadlineAfterMeeting(extractFields);

/**
 * The extract JSON that goes with a protocol PDF made elsewhere (`justera assemble --from-pdf`): the PDF
 * carries the text, so `sections` may be left out; everything else is as for an extract we lay out.
 */
export const protocolMetaSchema = deadlineAfterMeeting(extractFields.extend({ sections: extractFields.shape.sections.optional() }));

/** The meeting date and the deadline, when both are valid dates (their own checks passed). */
function bothDates(value: unknown): boolean {
  const { meetingDate, deadline } = (value ?? {}) as { meetingDate?: unknown; deadline?: unknown };
  return typeof meetingDate === 'string' && isIsoDate(meetingDate) && typeof deadline === 'string' && isIsoDate(deadline);
}

function samePerson(a: Person, b: Person): boolean {
  if (a.personnummer && b.personnummer) return a.personnummer === b.personnummer;
  return a.name.toLocaleLowerCase('sv') === b.name.toLocaleLowerCase('sv');
}

/**
 * Whether an extract must give the value at a dotted path (`sections.summary`: no; `participants.adjusters.1.name`:
 * no, a second justerare is optional). The one rule of which fields are required: read from the schema, so that
 * a form marks as required exactly what parseExtract refuses to go without. A value with a default, or inside
 * an optional one, is not required.
 */
export function isRequiredPath(path: string): boolean {
  let schema: z.ZodType = extractSchema;
  for (const key of path.split('.')) {
    if (schema.isOptional()) return false;
    if (schema instanceof z.ZodObject) {
      const inner = (schema.shape as Record<string, z.ZodType | undefined>)[key];
      if (inner === undefined) throw new RangeError(`"${path}" is not a value of the extract format`);
      schema = inner;
    } else if (schema instanceof z.ZodArray) {
      if (!/^\d+$/.test(key)) throw new RangeError(`"${path}" is not a value of the extract format`);
      if (Number(key) >= minimumLength(schema)) return false;
      schema = schema.element as z.ZodType;
    } else {
      throw new RangeError(`"${path}" is not a value of the extract format`);
    }
  }
  return !schema.isOptional();
}

function minimumLength(schema: z.ZodArray): number {
  const check = schema.def.checks?.find((c) => c._zod.def.check === 'min_length') as z.core.$ZodCheckMinLength | undefined;
  return check?._zod.def.minimum ?? 0;
}

export type ExtractInput = z.input<typeof extractSchema>;
export type Extract = z.output<typeof extractSchema>;
/** What every assembled document is made from: an Extract, or the meta JSON of a protocol PDF made elsewhere. */
export type ProtocolMeta = z.output<typeof protocolMetaSchema>;
export type Person = z.output<typeof person>;
export type Secretary = z.output<typeof secretary>;
export type Statement = z.output<typeof statement>;
export type ExtraSection = z.output<typeof extraSection>;
export type CaseDocument = z.output<typeof caseDocument>;

/** The line that introduces a statement: its own `intro`, or the usual Swedish phrase. */
export function statementIntro(statement: Statement): string {
  if (statement.intro) return statement.intro;
  const party = statement.party ? ` (${statement.party})` : '';
  return `${statement.author}${party} ${STATEMENT_VERBS[statement.kind]}.`;
}

function describeType(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/**
 * What is wrong with one value, as a closed list, so that a page can say it in the reader's language and
 * tell them what to write (the API's English sentence is `message`).
 */
export type ExtractProblem =
  | 'required'
  | 'too-long'
  | 'too-many'
  | 'date'
  | 'deadline-before-meeting'
  | 'personnummer'
  | 'email'
  | 'paragraph'
  | 'duplicate'
  | 'same-as-chair'
  | 'same-as-adjuster'
  | 'no-contact'
  | 'characters'
  | 'choice'
  | 'not-a-field'
  | 'wrong-type';

export interface ExtractIssue {
  /** The dotted path of the value (`participants.adjusters.0.email`); `extract` for the whole. */
  field: string;
  problem: ExtractProblem;
  /** The English sentence after the path, as the API answers. */
  message: string;
  /** The largest length or count (too-long, too-many). */
  limit?: number;
  /** What the problem is about: the value given twice, the person's name, the unknown field's name. */
  subject?: string;
}

/** An extract that does not validate, with every problem (the message names the first, as before). */
export class ExtractInputError extends InputError {
  constructor(readonly issues: readonly ExtractIssue[]) {
    const [first] = issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
    super(`${first!.field} ${first!.message}${more}`, { field: first!.field });
  }
}

/** The problem of a format check, from the name of the value it checks. */
const FORMAT_PROBLEMS: Record<string, ExtractProblem> = {
  meetingDate: 'date',
  deadline: 'date',
  personnummer: 'personnummer',
  email: 'email',
  paragraphs: 'paragraph',
};

function formatProblem(path: PropertyKey[]): ExtractProblem {
  const named = [...path].reverse().find((key) => typeof key === 'string');
  return FORMAT_PROBLEMS[String(named)] ?? 'wrong-type';
}

function describeIssue(issue: z.core.$ZodIssue): ExtractIssue {
  const field = issue.path.length === 0 ? 'extract' : issue.path.map(String).join('.');
  const of = (problem: ExtractProblem, message: string, extra: { limit?: number; subject?: string } = {}): ExtractIssue => ({ field, problem, message, ...extra });
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return of('required', 'is required');
      return of('wrong-type', `must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeType(issue.input)}`);
    case 'too_big':
      if (FORMAT_PROBLEMS[String(issue.path.at(-1))]) return of(formatProblem(issue.path), issue.message);
      if (issue.origin === 'string' && typeof issue.input === 'string') {
        return of('too-long', `is too long: ${issue.input.length} characters, at most ${String(issue.maximum)}`, { limit: Number(issue.maximum) });
      }
      return of('too-many', issue.message, { limit: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string') return of('required', 'must not be empty');
      return of('required', issue.message);
    case 'unrecognized_keys':
      return { ...of('not-a-field', 'is not a field of the extract (check the spelling)', { subject: issue.keys[0] }), field: [...issue.path, issue.keys[0]].map(String).join('.') };
    case 'invalid_value':
      return of('choice', issue.message);
    case 'invalid_format':
    case 'invalid_union':
      return of(formatProblem(issue.path), issue.message);
    case 'custom': {
      const params = (issue.params ?? {}) as { problem?: ExtractProblem; limit?: number; subject?: string };
      return of(params.problem ?? formatProblem(issue.path), issue.message, { ...(params.limit !== undefined ? { limit: params.limit } : {}), ...(params.subject !== undefined ? { subject: params.subject } : {}) });
    }
    default:
      return of(formatProblem(issue.path), issue.message);
  }
}

/**
 * Validates an extract: JSON text (string or UTF-8 bytes) or an already parsed value.
 * Throws InputError (`ERR_INPUT_NOT_JSON`, `ERR_INPUT_TOO_LARGE`) or ExtractInputError (`ERR_INPUT_INVALID`)
 * whose `field` is the dotted path of the first problem and whose `issues` list every problem.
 *
 * @example
 * const extract = parseExtract(readFileSync('examples/extract-ha-2023-418-p12.json', 'utf8'));
 */
export function parseExtract(input: unknown): Extract {
  return parseWith(extractSchema, input);
}

/** As parseExtract, for the meta JSON of a protocol PDF made elsewhere (`sections` may be left out). */
export function parseProtocolMeta(input: unknown): ProtocolMeta {
  return parseWith(protocolMetaSchema, input);
}

/** A meta JSON with its sections is an extract we can lay out; one without is refused as parseExtract refuses it. */
export function extractWithSections(meta: ProtocolMeta): Extract {
  if (meta.sections === undefined) throw new ExtractInputError([{ field: 'sections', problem: 'required', message: 'is required' }]);
  return { ...meta, sections: meta.sections };
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const value = typeof input === 'string' || input instanceof Uint8Array ? parseJson(input) : input;
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ExtractInputError(result.error.issues.map(describeIssue));
}

function parseJson(input: string | Uint8Array): unknown {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > MAX_EXTRACT_JSON_BYTES) {
    throw new InputError(`the extract is ${size} bytes; at most ${MAX_EXTRACT_JSON_BYTES} bytes are accepted`, {
      code: 'ERR_INPUT_TOO_LARGE',
      field: 'extract',
    });
  }
  let textValue: string;
  try {
    // A byte order mark (editors on Windows write one) is not part of the JSON; TextDecoder drops it from bytes.
    textValue = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch (cause) {
    throw new InputError('the extract is not UTF-8 text', { code: 'ERR_INPUT_NOT_JSON', field: 'extract', cause });
  }
  try {
    return JSON.parse(textValue) as unknown;
  } catch (cause) {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    throw new InputError(`the extract is not valid JSON${detail}`, { code: 'ERR_INPUT_NOT_JSON', field: 'extract', cause });
  }
}
