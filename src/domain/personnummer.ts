/**
 * Swedish personal identity numbers (personnummer, also samordningsnummer: day + 60), normalized to the
 * 12-digit form `YYYYMMDDNNNC` that the Swedish OIDC profile's claim uses. Validation only: no lookup.
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

/**
 * `YYYYMMDD-NNNC`, `YYYYMMDDNNNC`, `YYMMDD-NNNC` or `YYMMDD+NNNC` (+ = 100 years or older) → `YYYYMMDDNNNC`.
 * A 10-digit number gets the latest century that puts the birth date on or before `today`.
 * @throws InputError (field `field`) when the form, the date or the check digit is wrong.
 */
export function normalizePersonnummer(value: string, today: Date, field = 'personnummer'): string {
  const match = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/.exec(value.trim());
  if (!match) {
    throw new InputError(`${field} must look like YYYYMMDD-NNNN or YYMMDD-NNNN`, { field });
  }
  const [, century, yymmdd, separator, last4] = match as unknown as [string, string | undefined, string, string, string];
  let fullYear: number;
  const yy = Number(yymmdd.slice(0, 2));
  if (century !== undefined) {
    fullYear = Number(century) * 100 + yy;
  } else {
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
  if (!isValidDate(fullYear, month, day)) {
    throw new InputError(`${field} has no valid date of birth`, { field });
  }
  if (personnummerCheckDigit(yymmdd + last4.slice(0, 3)) !== Number(last4[3])) {
    throw new InputError(`${field} has a wrong check digit`, { field });
  }
  return String(fullYear).padStart(4, '0') + yymmdd.slice(2) + last4;
}
