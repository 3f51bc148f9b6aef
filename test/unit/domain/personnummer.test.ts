import { normalizePersonnummer, personnummerCheckDigit, readPersonnummer } from '../../../src/domain/personnummer';
import { DEMO_PERSONS } from '../../../src/server/auth/demo/demo-persons';

const today = new Date('2026-06-01T00:00:00Z');

describe('normalizePersonnummer', () => {
  test.each([
    ['19821105-4427', '198211054427'],
    ['198211054427', '198211054427'],
    ['821105-4427', '198211054427'],
    ['8211054427', '198211054427'],
    ['121212-1212', '201212121212'], // the most recent century that is not in the future
    ['121212+1212', '191212121212'], // "+": a hundred years or older
    ['19821165-4424', '198211654424'], // samordningsnummer: day + 60
  ])('%s → %s', (input, expected) => {
    expect(normalizePersonnummer(input, today)).toBe(expected);
  });

  test.each(['19821105-4428', '19821131-4427', '1982110544', 'abc', '19821105 4427', ''])('%j is refused', (input) => {
    expect(() => normalizePersonnummer(input, today, 'participants.chair.personnummer')).toThrow(
      expect.objectContaining({ code: 'ERR_INPUT_INVALID', field: 'participants.chair.personnummer' }),
    );
  });

  test('every demo person has a valid, normalized personnummer of its own', () => {
    const numbers = DEMO_PERSONS.map((p) => p.personnummer);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) {
      expect(normalizePersonnummer(number, today)).toBe(number);
      expect(personnummerCheckDigit(number.slice(2, 11))).toBe(Number(number[11]));
    }
  });
});

describe('readPersonnummer', () => {
  it('without a date, reads 12 digits with or without a dash only, and names what is wrong', () => {
    expect(readPersonnummer('19821105-4427')).toEqual({ digits: '198211054427' });
    expect(readPersonnummer('198211054427')).toEqual({ digits: '198211054427' });
    expect(readPersonnummer('198211054428')).toEqual({ problem: 'check-digit' });
    expect(readPersonnummer('8211054427')).toEqual({ problem: 'form' });
    expect(readPersonnummer('19820230-0000')).toEqual({ problem: 'date' });
  });

  it('accepts a samordningsnummer (day + 60)', () => {
    // 1982-11-65: born on the 5th; check digit computed by the same Luhn rule.
    const base = '198211654';
    const digits = Array.from({ length: 10 }, (_, d) => `${base}42${d}`.slice(0, 12));
    expect(digits.filter((candidate) => 'digits' in readPersonnummer(candidate))).toHaveLength(1);
  });

  it('with a date, reads the 10-digit forms as normalizePersonnummer does', () => {
    expect(readPersonnummer('821105-4427', today)).toEqual({ digits: '198211054427' });
    expect(readPersonnummer('121212+1212', today)).toEqual({ digits: '191212121212' });
  });
});
