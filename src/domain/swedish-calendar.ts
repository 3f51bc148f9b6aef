/**
 * Swedish public holidays for any Gregorian year (lag 1989:253 om allmänna helgdagar), and the days that
 * lag 1930:173 om beräkning av lagstadgad tid treats like them (midsommarafton, julafton, nyårsafton).
 * Pure computation; no table to keep up to date.
 */
import { IsoDate, addDays, isoDate, weekday } from './calendar-date';

export interface SwedishHoliday {
  date: IsoDate;
  /** The Swedish name, e.g. 'annandag påsk'. */
  name: string;
  /** 'public' = allmän helgdag; 'like-holiday' = counted as one by lag 1930:173 (not an allmän helgdag). */
  kind: 'public' | 'like-holiday';
}

/** Easter Sunday by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`year ${year}: the Gregorian computus needs a year from 1583`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** The first date from `first` (inclusive) that falls on `day` (0 = Sunday … 6 = Saturday). */
function firstWeekdayFrom(first: IsoDate, day: number): IsoDate {
  return addDays(first, (day - weekday(first) + 7) % 7);
}

const cache = new Map<number, SwedishHoliday[]>();

/** Every holiday and holiday-like day of `year`, in date order. */
export function swedishHolidays(year: number): SwedishHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const midsommarafton = firstWeekdayFrom(isoDate(year, 6, 19), 5);
  const holidays: SwedishHoliday[] = [
    { date: isoDate(year, 1, 1), name: 'nyårsdagen', kind: 'public' },
    { date: isoDate(year, 1, 6), name: 'trettondedag jul', kind: 'public' },
    { date: addDays(easter, -2), name: 'långfredagen', kind: 'public' },
    { date: easter, name: 'påskdagen', kind: 'public' },
    { date: addDays(easter, 1), name: 'annandag påsk', kind: 'public' },
    { date: isoDate(year, 5, 1), name: 'första maj', kind: 'public' },
    { date: addDays(easter, 39), name: 'Kristi himmelsfärdsdag', kind: 'public' },
    { date: addDays(easter, 49), name: 'pingstdagen', kind: 'public' },
    { date: isoDate(year, 6, 6), name: 'Sveriges nationaldag', kind: 'public' },
    { date: midsommarafton, name: 'midsommarafton', kind: 'like-holiday' },
    { date: addDays(midsommarafton, 1), name: 'midsommardagen', kind: 'public' },
    { date: firstWeekdayFrom(isoDate(year, 10, 31), 6), name: 'alla helgons dag', kind: 'public' },
    { date: isoDate(year, 12, 24), name: 'julafton', kind: 'like-holiday' },
    { date: isoDate(year, 12, 25), name: 'juldagen', kind: 'public' },
    { date: isoDate(year, 12, 26), name: 'annandag jul', kind: 'public' },
    { date: isoDate(year, 12, 31), name: 'nyårsafton', kind: 'like-holiday' },
  ];
  holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  cache.set(year, holidays);
  return holidays;
}

/** The holiday (or holiday-like day) on `date`, if any. Sundays count only by lag 1930:173's own words. */
export function holidayOn(date: IsoDate): SwedishHoliday | undefined {
  return swedishHolidays(Number(date.slice(0, 4))).find((holiday) => holiday.date === date);
}

/**
 * A day on which a statutory time limit may end (lag 1930:173): not a Saturday, Sunday, public holiday,
 * midsommarafton, julafton or nyårsafton.
 */
export function isSwedishWorkingDay(date: IsoDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && holidayOn(date) === undefined;
}

/** `date` itself when it is a working day, otherwise the next one. */
export function nextSwedishWorkingDay(date: IsoDate): IsoDate {
  let candidate = date;
  while (!isSwedishWorkingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}
