/**
 * The signed field's appearance: name, role and "Signerat <date time>" in Swedish time, readable text
 * (embedded font with ToUnicode), every word inside the widget's rectangle, and nothing outside it changed;
 * with the demonstration keys (keys-example) a last line says DEMO, and pdfsig still accepts the signature.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { DEMONSTRATION_APPEARANCE_LINE } from '../../../src/pades/sign-field';
import { listFields } from '../../../src/pdf/acroform';
import { PdfFile } from '../../../src/pdf/parser';
import { initKeys } from '../../../src/ca/keys-folder';
import { signExtractField } from '../../../src/engines/sign-extract';
import { appearanceLines } from '../../helpers/appearance-text';
import { assembleSealed, context, exampleExtract, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
beforeAll(() => {
  setup = setUp();
});
afterAll(() => tearDown(setup));

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function wordsOfLastPage(path: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!.replace(/&amp;/g, '&'),
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
}

it('shows name, role and the Stockholm time inside the field, and changes nothing outside the field', async () => {
  const clock = fixedClock('2023-10-03T07:32:00Z'); // 09:32 in Stockholm (CEST)
  const extract = exampleExtract((json) => {
    (json.participants as { chair: { name: string } }).chair.name = 'Åsa Öberg';
  });
  const sealed = await assembleSealed(extract, setup.keys, new Date('2023-09-22T08:00:00Z'));
  const signed = await signExtractField(sealed, { ...context(setup.keys, clock), field: 'ordforande', signer: { person: { name: 'Åsa Öberg' } } });

  const file = PdfFile.parse(signed.pdf);
  const field = listFields(file).find((candidate) => candidate.name === 'ordforande')!;
  const [x1, y1, x2, y2] = (file.resolveArray(field.widgets[0]!.dict.get('Rect')) ?? []).map((n) => file.resolve(n) as number);
  const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: Buffer.from(signed.pdf), encoding: 'utf8' }))![1]);
  const [before, after] = [join(setup.dir, 'appearance-before.pdf'), join(setup.dir, 'appearance-after.pdf')];
  writeFileSync(before, sealed);
  writeFileSync(after, signed.pdf);

  const pageHeight = 842;
  const inside = (word: Word) =>
    word.xMin >= Math.min(x1!, x2!) - 0.5 &&
    word.xMax <= Math.max(x1!, x2!) + 0.5 &&
    word.yMin >= pageHeight - Math.max(y1!, y2!) - 0.5 &&
    word.yMax <= pageHeight - Math.min(y1!, y2!) + 0.5;
  const beforeWords = wordsOfLastPage(before, pageCount);
  const afterWords = wordsOfLastPage(after, pageCount);
  const added = afterWords.filter((word) => !beforeWords.some((old) => old.text === word.text && old.xMin === word.xMin && old.yMin === word.yMin));
  const shown = `Åsa Öberg Ordförande Signerat 2023-10-03 09:32 ${DEMONSTRATION_APPEARANCE_LINE}`;
  expect(added.map((word) => word.text).join(' ')).toBe(shown);
  for (const word of added) expect(inside(word)).toBe(true);
  // Everything outside the field (the unsigned field's own "Väntar …" appearance is replaced) is still there, in place.
  for (const word of beforeWords.filter((old) => !inside(old))) expect(afterWords).toContainEqual(word);
  expect(afterWords.filter((word) => inside(word)).map((word) => word.text).join(' ')).toBe(shown);
});

it('says DEMO in the appearance stream with the demonstration keys, and pdfsig still accepts the signature', async () => {
  const sealed = await assembleSealed(exampleExtract(), setup.keys);
  const signed = await signExtractField(sealed, { ...context(setup.keys), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
  const lines = appearanceLines(signed.pdf, 'ordforande');
  expect(lines[0]).toBe('Johan Nilsson');
  expect(lines.at(-1)).toBe(DEMONSTRATION_APPEARANCE_LINE);
  expect(lines.at(-1)).toMatch(/^DEMO /);
  const accepted = pdfsigOf(setup, 'demo-appearance.pdf', signed.pdf).map((s) => [s.fieldName, s.signatureValidation, s.certificateValidation]);
  expect(accepted).toContainEqual(['ordforande', 'Signature is Valid.', 'Certificate is Trusted.']);
});

it('has no DEMO line with a deployment\'s own keys (justera keys init)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'justera-own-keys-'));
  try {
    const keys = initKeys(dir, { organisation: 'Testkommunen', publicBaseUrl: 'http://localhost:3000', clock: fixedClock('2023-01-01T00:00:00Z') });
    const sealed = await assembleSealed(exampleExtract(), keys, new Date('2023-09-22T08:00:00Z'));
    const signed = await signExtractField(sealed, { ...context(keys, fixedClock('2023-10-03T07:32:00Z')), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
    expect(appearanceLines(signed.pdf, 'ordforande')).toEqual(['Johan Nilsson', 'Ordförande', 'Signerat 2023-10-03 09:32']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
