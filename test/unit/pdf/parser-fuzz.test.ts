import { PdfFormatError } from '../../../src/errors';
import { listFields } from '../../../src/pdf/acroform';
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfStream, dict, name } from '../../../src/pdf/objects';
import { listPages } from '../../../src/pdf/pages';
import { PdfFile } from '../../../src/pdf/parser';
import { makeSamplePdf } from '../../fixtures/pdf/sample-pdfs';
import { seededRandom } from '../../helpers/seeded-random';

const INTERESTING = ['0', '9', ' ', '\n', '(', ')', '<', '>', '[', ']', '/', 'R', '%', '-', '.', '\\'].map((ch) => ch.charCodeAt(0));

/** Half the mutations change one byte in place (offsets stay right, so parsing goes deep); the rest also cut and insert. */
function mutate(input: Buffer, next: () => number): Buffer {
  const out = Buffer.from(input);
  if (next() < 0.5) {
    out[Math.floor(next() * out.length)] = INTERESTING[Math.floor(next() * INTERESTING.length)]!;
    return out;
  }
  const edits = 1 + Math.floor(next() * 4);
  let result = out;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * result.length);
    const kind = next();
    if (kind < 0.5) result[at] = next() < 0.5 ? INTERESTING[Math.floor(next() * INTERESTING.length)]! : Math.floor(next() * 256);
    else if (kind < 0.75) result = Buffer.concat([result.subarray(0, at), result.subarray(Math.min(result.length, at + 1 + Math.floor(next() * 8)))]);
    else result = Buffer.concat([result.subarray(0, at), Buffer.from([Math.floor(next() * 256)]), result.subarray(at)]);
  }
  return result;
}

/** Everything a verifier would ask of the byte level. */
function exercise(bytes: Buffer): void {
  const file = PdfFile.parse(bytes);
  file.readAllObjects();
  for (const revision of file.revisions) {
    listPages(file, revision);
    listFields(file, revision);
  }
  for (const [num] of file.visibleEntries()) {
    const value = file.getObject(num)?.value;
    if (value instanceof PdfStream) file.decodeStream(value);
  }
}

describe.each([false, true])('random mutations (object streams: %s)', (useObjectStreams) => {
  let input: Buffer;
  beforeAll(async () => {
    const base = await makeSamplePdf({ useObjectStreams, pages: 2 });
    const update = new IncrementalUpdate(PdfFile.parse(base));
    update.set(update.allocate(), dict({ Type: name('Marker') }));
    input = update.write().bytes;
    exercise(input);
  });

  it('give a result or a PdfFormatError, never another exception', () => {
    const next = seededRandom(useObjectStreams ? 2 : 1);
    const unexpected: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const mutated = mutate(input, next);
      try {
        exercise(mutated);
        accepted++;
      } catch (error) {
        if (!(error instanceof PdfFormatError)) unexpected.push(`mutation ${i}: ${(error as Error).stack ?? String(error)}`);
      }
    }
    expect(unexpected).toEqual([]);
    // Many in-place changes land in stream data or text and still read; shifted offsets must be refused.
    expect(accepted).toBeGreaterThan(40);
    expect(accepted).toBeLessThan(1000);
  });
});
