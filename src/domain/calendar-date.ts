/**
 * Calendar dates ('YYYY-MM-DD') as the law counts them: whole days in Europe/Stockholm, never instants.
 * Arithmetic runs on UTC midnights, where no day is ever 23 or 25 hours long, so no date slips.
 */
import { stockholmWallClock } from './stockholm-clock';

/** A calendar date written 'YYYY-MM-DD' (ISO 8601), e.g. '2023-10-05'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written 'YYYY-MM-DD' (rejects 2023-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return toIsoDate(date) === value;
}

/** Parses 'YYYY-MM-DD' to the UTC midnight of that day; throws RangeError naming the value otherwise. */
export function parseIsoDate(value: IsoDate): Date {
  if (!isIsoDate(value)) throw new RangeError(`"${value}" is not a calendar date written YYYY-MM-DD`);
  return new Date(`${value}T00:00:00Z`);
}

function toIsoDate(utcMidnight: Date): IsoDate {
  return utcMidnight.toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return toIsoDate(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const parsed = parseIsoDate(date);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return toIsoDate(parsed);
}

/** Day of the week, 0 = Sunday … 6 = Saturday (as Date.getDay). */
export function weekday(date: IsoDate): number {
  return parseIsoDate(date).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / 86_400_000);
}

/** The calendar date in Stockholm at `instant` (23:30 UTC on 31 Dec is already 1 Jan there). */
export function stockholmDate(instant: Date): IsoDate {
  return toIsoDate(stockholmWallClock(instant));
}
