/**
 * Seeded mutation fuzzing of the finished, signed example: bit flips, byte insertions and deletions,
 * truncations and duplicated ranges. Every mutant gives a report or a typed JusteraError (never another
 * exception, never a hang), and a mutant whose signed bytes changed (anything before the end of the last
 * signature's /ByteRange) is never TOTAL_PASSED; the validation data after it is signed by no one.
 */
import { isJusteraError } from '../../../src/errors';
import { seededRandom } from '../../helpers/seeded-random';
import { pipeline, verify } from './helpers/pipeline';

const MUTANTS = 2000;

type Mutation = 'flip' | 'insert' | 'delete' | 'truncate' | 'duplicate';

function mutate(original: Uint8Array, random: () => number): { bytes: Uint8Array; kind: Mutation } {
  const at = (limit: number): number => Math.floor(random() * limit);
  const kinds: Mutation[] = ['flip', 'flip', 'flip', 'insert', 'delete', 'truncate', 'duplicate'];
  const kind = kinds[at(kinds.length)];
  const bytes = Buffer.from(original);
  switch (kind) {
    case 'flip': {
      const copy = Buffer.from(bytes);
      const count = 1 + at(4);
      for (let i = 0; i < count; i++) copy[at(copy.length)] ^= 1 << at(8);
      return { bytes: copy, kind };
    }
    case 'insert': {
      const position = at(bytes.length);
      const inserted = Buffer.from(Array.from({ length: 1 + at(16) }, () => at(256)));
      return { bytes: Buffer.concat([bytes.subarray(0, position), inserted, bytes.subarray(position)]), kind };
    }
    case 'delete': {
      const position = at(bytes.length);
      return { bytes: Buffer.concat([bytes.subarray(0, position), bytes.subarray(position + 1 + at(64))]), kind };
    }
    case 'truncate':
      return { bytes: bytes.subarray(0, at(bytes.length)), kind };
    case 'duplicate': {
      const start = at(bytes.length);
      const length = 1 + at(Math.min(4096, bytes.length - start));
      const position = at(bytes.length);
      return { bytes: Buffer.concat([bytes.subarray(0, position), bytes.subarray(start, start + length), bytes.subarray(position)]), kind };
    }
  }
}

it(`${MUTANTS} seeded mutations of a signed PDF: no crash, no hang, never TOTAL_PASSED when signed bytes changed`, async () => {
  const original = (await pipeline()).final;
  // What the last signature (the document timestamp) covers; the validation data after it is signed by none.
  const byteRanges = [...Buffer.from(original).toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = byteRanges[byteRanges.length - 1]!;
  const signedEnd = Number(last[3]) + Number(last[4]);
  const random = seededRandom(20231003);
  const tally: Record<string, number> = {};
  for (let i = 0; i < MUTANTS; i++) {
    const { bytes, kind } = mutate(original, random);
    const changed = bytes.length < signedEnd || Buffer.compare(Buffer.from(bytes.subarray(0, signedEnd)), Buffer.from(original.subarray(0, signedEnd))) !== 0;
    let outcome: string;
    try {
      const report = await verify(bytes);
      outcome = report.indication;
      if (changed && report.indication === 'TOTAL_PASSED') {
        throw new Error(`mutant ${i} (${kind}) changed signed bytes but was TOTAL_PASSED`);
      }
    } catch (error) {
      if (!isJusteraError(error)) throw new Error(`mutant ${i} (${kind}) crashed the verifier: ${(error as Error).stack}`);
      outcome = error.code;
    }
    tally[`${kind}:${outcome}`] = (tally[`${kind}:${outcome}`] ?? 0) + 1;
  }
  expect(Object.values(tally).reduce((sum, count) => sum + count, 0)).toBe(MUTANTS);
  // The mutants exercise both paths: reports that reject a signature, and input refused as unreadable.
  expect(Object.keys(tally).some((key) => key.endsWith(':TOTAL_FAILED'))).toBe(true);
  expect(Object.keys(tally).some((key) => key.endsWith(':ERR_PDF_MALFORMED'))).toBe(true);
}, 600_000);
