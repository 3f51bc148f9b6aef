/**
 * The wall clock in Stockholm at an instant, from Sweden's summer-time rules rather than ICU: the first
 * Intl.DateTimeFormat with a time zone costs `justera verify one.pdf` 12–20 ms of a ~120 ms run (issue 14),
 * for a computation of a few additions. Pure.
 *
 * Since 1980 Sweden follows the European rule (tzdata `Rule EU`): summer time (UTC+2) from 01:00 UTC on
 * the last Sunday of March (1980: the first Sunday of April) to 01:00 UTC on the last Sunday of September
 * (1980–1995) or October (since 1996), UTC+1 otherwise. Earlier instants (UTC+1 with the summer of 1916,
 * local mean time before 1900) are left to ICU. test/unit/domain/stockholm-clock.test.ts compares the rule
 * with ICU for every hour up to 2100, so a Node whose time-zone data changes the rule (the EU ending
 * summer time) fails there first.
 */

const STOCKHOLM_TIME_ZONE = 'Europe/Stockholm';

const HOUR_MS = 3_600_000;
const FIRST_EU_RULE_YEAR = 1980;

/** 01:00 UTC on the last Sunday of `month` (1-based) in `year`. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 24 * HOUR_MS;
}

/** 01:00 UTC on the first Sunday of `month` (1-based) in `year`. */
function firstSundayAtOneUtc(year: number, month: number): number {
  const firstDay = new Date(Date.UTC(year, month - 1, 1, 1));
  return firstDay.getTime() + ((7 - firstDay.getUTCDay()) % 7) * 24 * HOUR_MS;
}

function isSummerTime(utcMs: number, year: number): boolean {
  const start = year === FIRST_EU_RULE_YEAR ? firstSundayAtOneUtc(year, 4) : lastSundayAtOneUtc(year, 3);
  const end = lastSundayAtOneUtc(year, year < 1996 ? 9 : 10);
  return utcMs >= start && utcMs < end;
}

let icuFormat: Intl.DateTimeFormat | undefined;

/** ICU's answer, for the instants before the rule above; created on first use only. */
function icuWallClock(instant: Date): Date {
  icuFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: STOCKHOLM_TIME_ZONE,
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of icuFormat.formatToParts(instant)) parts[part.type] = part.value;
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts[type]);
  const year = parts.era === 'BC' ? 1 - field('year') : field('year');
  const wall = new Date(0);
  wall.setUTCFullYear(year, field('month') - 1, field('day'));
  wall.setUTCHours(field('hour'), field('minute'), field('second'), instant.getUTCMilliseconds());
  return wall;
}

/**
 * The time on a Stockholm wall clock at `instant`, as a Date whose UTC fields (getUTCHours, toISOString, …)
 * read it: 07:32 UTC on 3 October 2023 gives a Date whose getUTCHours() is 9. Throws RangeError for an
 * invalid Date, as Intl.DateTimeFormat does.
 */
export function stockholmWallClock(instant: Date): Date {
  const utcMs = instant.getTime();
  if (Number.isNaN(utcMs)) throw new RangeError('Invalid time value');
  const year = instant.getUTCFullYear();
  if (year < FIRST_EU_RULE_YEAR) return icuWallClock(instant);
  return new Date(utcMs + (isSummerTime(utcMs, year) ? 2 : 1) * HOUR_MS);
}
