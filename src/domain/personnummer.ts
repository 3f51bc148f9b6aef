/**
 * Swedish personal identity numbers (personnummer, also samordningsnummer: day + 60), normalized to the
 * 12-digit form `YYYYMMDDNNNC` that the Swedish OIDC profile's claim uses. Validation only: no lookup.
 * The one module for them: the extract format, the logins, the invitations and the public report's
 * redaction all read a personnummer here. No schema library, so that it goes into the browser bundle.
 */
import { InputError } from '../errors';

/** Luhn (mod 10) check digit over the 9 digits YYMMDDNNN, as Skatteverket computes it (SKV 704). */
export function personnummerCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

function isValidDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What is wrong with a written personnummer. */
export type PersonnummerProblem = 'form' | 'date' | 'check-digit';

/**
 * The one rule for a personnummer: `YYYYMMDD-NNNC` or `YYYYMMDDNNNC` (a `+` for the dash is accepted) → the
 * 12 digits `YYYYMMDDNNNC`, or what is wrong. With `today`, the 10-digit forms `YYMMDD-NNNC`, `YYMMDDNNNC` and
 * `YYMMDD+NNNC` (+ = 100 years or older) are read as well: they get the latest century that puts the birth
 * date on or before `today`. Without it (the extract format, which asks for 12 digits) they are the wrong form.
 */
export function readPersonnummer(value: string, today?: Date): { digits: string } | { problem: PersonnummerProblem } {
  const match = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/.exec(value.trim());
  if (!match) return { problem: 'form' };
  const [, century, yymmdd, separator, last4] = match as unknown as [string, string | undefined, string, string, string];
  let fullYear: number;
  const yy = Number(yymmdd.slice(0, 2));
  if (century !== undefined) {
    fullYear = Number(century) * 100 + yy;
  } else {
    if (today === undefined) return { problem: 'form' };
    const currentYear = today.getUTCFullYear();
    fullYear = currentYear - ((currentYear - yy) % 100 + 100) % 100;
    const monthDay = yymmdd.slice(2);
    const todayMonthDay = String(today.getUTCMonth() + 1).padStart(2, '0') + String(today.getUTCDate()).padStart(2, '0');
    if (fullYear === currentYear && monthDay > todayMonthDay) fullYear -= 100;
    if (separator === '+') fullYear -= 100;
  }
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  const day = rawDay > 60 ? rawDay - 60 : rawDay; // samordningsnummer: day of birth + 60
  if (!isValidDate(fullYear, month, day)) return { problem: 'date' };
  if (personnummerCheckDigit(yymmdd + last4.slice(0, 3)) !== Number(last4[3])) return { problem: 'check-digit' };
  return { digits: String(fullYear).padStart(4, '0') + yymmdd.slice(2) + last4 };
}

const PROBLEM_MESSAGES: Record<PersonnummerProblem, string> = {
  form: 'must look like YYYYMMDD-NNNN or YYMMDD-NNNN',
  date: 'has no valid date of birth',
  'check-digit': 'has a wrong check digit',
};

/**
 * readPersonnummer with `today` (12 or 10 digits) for input a person gives: the 12 digits, or
 * @throws InputError (field `field`) naming what is wrong: the form, the date or the check digit.
 */
export function normalizePersonnummer(value: string, today: Date, field = 'personnummer'): string {
  const reading = readPersonnummer(value, today);
  if ('problem' in reading) throw new InputError(`${field} ${PROBLEM_MESSAGES[reading.problem]}`, { field });
  return reading.digits;
}
