/**
 * The 12-digit personnummer check of the extract format (extract.ts), apart from its zod schema so that
 * the public report's redaction (server/public/public-report.ts) carries no schema library into the
 * browser bundle of /verifiera.
 */
import { isIsoDate } from './calendar-date';

/**
 * Swedish personnummer or samordningsnummer, 12 digits (YYYYMMDD-NNNN or YYYYMMDDNNNN), with its check
 * digit (Luhn over the last ten digits, Skatteverket SKV 704). Normalized to 12 digits without a dash.
 */
export function normalizePersonnummer(value: string): string | undefined {
  const match = /^(\d{8})[-+]?(\d{4})$/.exec(value.trim());
  if (!match) return undefined;
  const digits = match[1] + match[2];
  const day = Number(digits.slice(6, 8));
  // A samordningsnummer adds 60 to the day of birth.
  const birthDay = day > 60 ? day - 60 : day;
  const birthDate = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${String(birthDay).padStart(2, '0')}`;
  if (!isIsoDate(birthDate)) return undefined;
  let sum = 0;
  for (let i = 2; i < 12; i++) {
    let product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return sum % 10 === 0 ? digits : undefined;
}
