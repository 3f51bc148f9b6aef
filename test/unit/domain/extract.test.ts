import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { ExtractInputError, isRequiredPath, parseExtract, statementIntro } from '../../../src/domain/extract';

const EXAMPLE_PATH = join(__dirname, '../../../examples/extract-ha-2023-418-p12.json');
const exampleText = readFileSync(EXAMPLE_PATH, 'utf8');

function example(): Record<string, any> {
  return JSON.parse(exampleText) as Record<string, any>;
}

function refusal(input: unknown): InputError {
  try {
    parseExtract(input);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('parseExtract accepted the input');
}

describe('parseExtract', () => {
  it('accepts the example and keeps its names and texts exactly', () => {
    const extract = parseExtract(exampleText);
    expect(extract.body).toBe('Hägersten-Älvsjö stadsdelsnämnd');
    expect(extract.meetingDate).toBe('2023-09-21');
    expect(extract.paragraphs).toEqual(['12']);
    expect(extract.caseNumber).toBe('HÄ 2023/418');
    expect(extract.participants.chair.name).toBe('Johan Nilsson');
    expect(extract.participants.adjusters.map((a) => a.name)).toEqual(['Sara Grolander']);
    expect(extract.participants.chair.personnummer).toBe('196504127793');
    expect(extract.sections.statements.map((s) => s.kind)).toEqual(['ersattaryttrande', 'sarskilt-uttalande']);
    expect(extract.sections.decision).toBe(example().sections.decision);
    expect(extract.documents.map((d) => d.id)).toEqual(['HÄ 2023/418-2', 'HÄ 2023/418-1', 'HÄ 2023/418-1.1', 'HÄ 2023/418-1.2']);
  });

  it('accepts parsed values, UTF-8 bytes and text with a byte order mark alike', () => {
    expect(parseExtract(example())).toEqual(parseExtract(Buffer.from(exampleText, 'utf8')));
    expect(parseExtract(`\uFEFF${exampleText}`)).toEqual(parseExtract(Buffer.from(`\uFEFF${exampleText}`, 'utf8')));
  });

  it('normalizes text: NFC, CRLF, trailing spaces, numeric paragraph numbers, defaults', () => {
    const input = example();
    input.title = ' A\u030Asa  ';
    input.paragraphs = [12, '13a'];
    input.sections.decision = 'Första stycket.  \r\nRad två.\r\n\r\nAndra stycket.\n\n';
    delete input.sections.extraSections;
    delete input.immediateAdjustment;
    delete input.signingOrder;
    const extract = parseExtract(input);
    expect(extract.title).toBe('Åsa');
    expect(extract.paragraphs).toEqual(['12', '13a']);
    expect(extract.sections.decision).toBe('Första stycket.\nRad två.\n\nAndra stycket.');
    expect(extract.sections.extraSections).toEqual([]);
    expect(extract.immediateAdjustment).toBe(false);
    expect(extract.signingOrder).toBe('parallel');
  });

  const cases: Array<[string, (input: Record<string, any>) => unknown, string, RegExp]> = [
    ['no body', (i) => { delete i.body; return i; }, 'body', /body is required/],
    ['an empty body', (i) => { i.body = '   '; return i; }, 'body', /must not be empty/],
    ['a date that does not exist', (i) => { i.meetingDate = '2023-02-30'; return i; }, 'meetingDate', /real calendar date.*2023-02-30/],
    ['a date in another format', (i) => { i.meetingDate = '21/9/2023'; return i; }, 'meetingDate', /YYYY-MM-DD/],
    ['no chair', (i) => { delete i.participants.chair; return i; }, 'participants.chair', /is required/],
    ['no justerare', (i) => { i.participants.adjusters = []; return i; }, 'participants.adjusters', /names no justerare/],
    ['three justerare', (i) => {
      i.participants.adjusters.push({ name: 'Anna Ek' }, { name: 'Per Åberg' });
      return i;
    }, 'participants.adjusters', /names 3 justerare; an extract has one or two/],
    ['a justerare without a name', (i) => { i.participants.adjusters.push({ email: 'x@example.org' }); return i; }, 'participants.adjusters.1.name', /is required/],
    ['the chair as justerare', (i) => { i.participants.adjusters[0] = { name: 'johan nilsson', email: 'johan@example.org' }; return i; }, 'participants.adjusters.0', /already signs as ordförande/],
    ['an unknown statement kind', (i) => { i.sections.statements[1].kind = 'yttrande'; return i; }, 'sections.statements.1.kind', /must be one of reservation, ersattaryttrande/],
    ['a 5 MB title', (i) => { i.title = 'x'.repeat(5 * 1024 * 1024); return i; }, 'title', /title is too long: 5242880 characters, at most 500/],
    ['a line break in a name', (i) => { i.participants.chair.name = 'Johan\nNilsson'; return i; }, 'participants.chair.name', /U\+000A/],
    ['a control character in a text', (i) => { i.sections.summary = 'a\u0007b'; return i; }, 'sections.summary', /U\+0007/],
    ['a lone surrogate in a text (a JSON escape, not UTF-8)', (i) => { i.sections.summary = 'a\ud800b'; return i; }, 'sections.summary', /lone UTF-16 surrogate U\+D800/],
    ['a lone low surrogate in a title', (i) => { i.title = 'Plan \udc00'; return i; }, 'title', /lone UTF-16 surrogate U\+DC00/],
    ['a personnummer with a wrong check digit', (i) => { i.participants.chair.personnummer = '19650412-7794'; return i; }, 'participants.chair.personnummer', /check digit/],
    ['a bad e-mail address', (i) => { i.participants.secretary.email = 'maria'; return i; }, 'participants.secretary.email', /e-mail address/],
    ['a misspelt field', (i) => { i.participants.ajusters = []; return i; }, 'participants.ajusters', /not a field/],
    ['a wrong type', (i) => { i.immediateAdjustment = 'ja'; return i; }, 'immediateAdjustment', /must be true or false, got a string/],
    ['a paragraph number that is not one', (i) => { i.paragraphs = ['tolv']; return i; }, 'paragraphs.0', /paragraph number/],
    ['no paragraph', (i) => { i.paragraphs = []; return i; }, 'paragraphs', /at least one/],
    ['a document listed twice', (i) => { i.documents.push({ ...i.documents[0] }); return i; }, 'documents.4.id', /twice/],
    ['not an object', () => [1, 2], 'extract', /must be an object, got a list/],
  ];

  it.each(cases)('refuses %s, naming the field', (_what, mutate, field, message) => {
    const error = refusal(mutate(example()));
    expect(error.code).toBe('ERR_INPUT_INVALID');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses text that is not JSON', () => {
    const error = refusal('{"body": "Nämnd",');
    expect(error).toMatchObject({ code: 'ERR_INPUT_NOT_JSON', field: 'extract' });
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(refusal(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({ code: 'ERR_INPUT_NOT_JSON' });
  });

  it('refuses JSON larger than 16 MB before parsing it', () => {
    const error = refusal(' '.repeat(16 * 1024 * 1024 + 1));
    expect(error).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE', field: 'extract' });
  });

  it('refuses more text than a document can hold', () => {
    const input = example();
    input.sections.extraSections = Array.from({ length: 6 }, (_, n) => ({ heading: `Bilaga ${n}`, text: 'ord '.repeat(49_000) }));
    expect(refusal(input)).toMatchObject({ field: 'sections', message: expect.stringMatching(/at most 1000000/) });
  });
});

describe('parseExtract: every problem at once', () => {
  function issuesOf(input: unknown) {
    try {
      parseExtract(input);
    } catch (error) {
      if (error instanceof ExtractInputError) return error.issues.map(({ field, problem, subject }) => ({ field, problem, ...(subject ? { subject } : {}) }));
      throw error;
    }
    throw new Error('accepted');
  }

  it('lists each problem with its path and kind, including the rules of persons, paragraphs and documents', () => {
    const input = example();
    input.meetingDate = '21/9/2023';
    input.paragraphs = ['12', '12'];
    input.participants.chair = { name: 'Johan Nilsson' };
    input.participants.adjusters[0].email = 'sara@';
    input.documents[1].id = input.documents[0].id;
    delete input.title;
    expect(issuesOf(input)).toEqual(expect.arrayContaining([
      { field: 'meetingDate', problem: 'date' },
      { field: 'paragraphs.1', problem: 'duplicate', subject: '§ 12' },
      { field: 'participants.chair.personnummer', problem: 'no-contact', subject: 'Johan Nilsson' },
      { field: 'participants.adjusters.0.email', problem: 'email' },
      { field: 'documents.1.id', problem: 'duplicate', subject: 'HÄ 2023/418-2' },
      { field: 'title', problem: 'required' },
    ]));
    expect(issuesOf(input)).toHaveLength(6);
  });

  it('keeps an own deadline, and refuses one before the meeting', () => {
    expect(parseExtract({ ...example(), deadline: '2023-10-02' }).deadline).toBe('2023-10-02');
    expect(parseExtract(example()).deadline).toBeUndefined();
    expect(issuesOf({ ...example(), deadline: '2023-09-20' })).toEqual([{ field: 'deadline', problem: 'deadline-before-meeting' }]);
    expect(issuesOf({ ...example(), deadline: '2023-02-30' })).toEqual([{ field: 'deadline', problem: 'date' }]);
  });
});

describe('isRequiredPath', () => {
  const PATHS = [
    'body', 'meetingDate', 'paragraphs', 'title', 'subtitle', 'caseNumber', 'storageLocation', 'deadline', 'immediateAdjustment',
    'signingOrder', 'locale', 'documents', 'sections.decision', 'sections.summary', 'sections.decisionProcess', 'sections.statements',
    'participants.chair.name', 'participants.chair.personnummer', 'participants.chair.email', 'participants.adjusters.0.name',
    'participants.adjusters.1.name', 'participants.secretary.name', 'participants.secretary.email',
  ];

  function refusedAsRequiredWithout(path: string): boolean {
    const input = example();
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, any> | undefined>((value, key) => value?.[key], input);
    if (parent) delete parent[keys.at(-1)!];
    try {
      parseExtract(input);
      return false;
    } catch (error) {
      if (!(error instanceof ExtractInputError)) throw error;
      return error.issues.some((issue) => issue.field === path && issue.problem === 'required');
    }
  }

  test.each(PATHS)('%s is required exactly when parseExtract refuses the extract without it', (path) => {
    expect(isRequiredPath(path)).toBe(refusedAsRequiredWithout(path));
  });

  it('names the required values of the form: the first justerare, not the second; no signer contact in itself', () => {
    expect(PATHS.filter(isRequiredPath)).toEqual([
      'body', 'meetingDate', 'paragraphs', 'title', 'caseNumber', 'storageLocation', 'sections.decision',
      'participants.chair.name', 'participants.adjusters.0.name', 'participants.secretary.name',
    ]);
  });

  it('refuses a path the extract format does not have', () => {
    expect(() => isRequiredPath('participants.chair.phone')).toThrow(RangeError);
    expect(() => isRequiredPath('participants.adjusters.first')).toThrow(RangeError);
  });
});

describe('statementIntro', () => {
  it('uses the given intro, or the usual phrase for the kind', () => {
    const extract = parseExtract(exampleText);
    expect(statementIntro(extract.sections.statements[0])).toBe('Lolita Lovén Johnsen (KD) anmälde ett ersättaryttrande.');
    expect(statementIntro({ kind: 'reservation', author: 'Per Åberg', party: 'M', text: 'x' })).toBe('Per Åberg (M) reserverade sig mot beslutet.');
    expect(statementIntro({ kind: 'protokollsanteckning', author: 'Per Åberg', text: 'x' })).toBe('Per Åberg anmälde en protokollsanteckning.');
  });
});
