import { stockholmDate } from '../../../src/domain/calendar-date';
import { stockholmWallClock } from '../../../src/domain/stockholm-clock';
import { stockholmMinute } from '../../../src/domain/stockholm-time';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** ICU's Stockholm wall clock, read as the UTC fields of a Date, to the second ("2023-10-03 09:32:00" in Swedish). */
const icu = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' });

function icuWallClockMs(utcMs: number): number {
  const [year, month, day, hour, minute, second] = (/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(icu.format(utcMs)) ?? []).slice(1).map(Number);
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
}

describe('stockholmWallClock', () => {
  it('agrees with ICU on every day and on the second of every summer-time transition from 1980 to 2100', () => {
    const ours = (utcMs: number): number => stockholmWallClock(new Date(utcMs)).getTime() - utcMs;
    const theirs = (utcMs: number): number => icuWallClockMs(utcMs) - utcMs;
    /** The first second in (from, to] at which `offset` reads what it reads at `to`. */
    const transition = (offset: (utcMs: number) => number, from: number, to: number): number => {
      const after = offset(to);
      while (to - from > 1000) {
        const middle = from + Math.floor((to - from) / 2000) * 1000;
        if (offset(middle) === after) to = middle;
        else from = middle;
      }
      return to;
    };
    const mismatches: string[] = [];
    const transitions: string[] = [];
    const end = Date.UTC(2101, 0, 1);
    for (let day = Date.UTC(1980, 0, 1); day < end && mismatches.length < 10; day += DAY_MS) {
      if (ours(day) !== theirs(day)) mismatches.push(`${new Date(day).toISOString()}: ours +${ours(day) / HOUR_MS} h, ICU +${theirs(day) / HOUR_MS} h`);
      const next = day + DAY_MS;
      if (theirs(day) === theirs(next) && ours(day) === ours(next)) continue;
      const icuAt = transition(theirs, day, next);
      const ourAt = transition(ours, day, next);
      transitions.push(new Date(icuAt).toISOString());
      if (icuAt !== ourAt) mismatches.push(`transition: ours ${new Date(ourAt).toISOString()}, ICU ${new Date(icuAt).toISOString()}`);
    }
    expect(mismatches).toEqual([]);
    // Two a year, each at 01:00 UTC on a Sunday.
    expect(transitions).toHaveLength(2 * 121);
    expect(transitions.filter((at) => new Date(at).getUTCDay() !== 0 || !at.endsWith('T01:00:00.000Z'))).toEqual([]);
  });

  it('switches at 01:00 UTC on the last Sunday of March and of October (September until 1995)', () => {
    const wall = (iso: string): string => stockholmWallClock(new Date(iso)).toISOString();
    expect(wall('2024-03-31T00:59:59.999Z')).toBe('2024-03-31T01:59:59.999Z');
    expect(wall('2024-03-31T01:00:00Z')).toBe('2024-03-31T03:00:00.000Z');
    expect(wall('2024-10-27T00:59:59Z')).toBe('2024-10-27T02:59:59.000Z');
    expect(wall('2024-10-27T01:00:00Z')).toBe('2024-10-27T02:00:00.000Z');
    expect(wall('1995-09-24T01:00:00Z')).toBe('1995-09-24T02:00:00.000Z');
    expect(wall('1980-04-06T01:00:00Z')).toBe('1980-04-06T03:00:00.000Z');
  });

  it('leaves instants before 1980 to ICU: the summer of 1916 and local mean time before 1900', () => {
    expect(stockholmWallClock(new Date('1916-07-01T12:00:00Z')).toISOString()).toBe('1916-07-01T14:00:00.000Z');
    expect(stockholmWallClock(new Date('1979-07-01T12:00:00Z')).toISOString()).toBe('1979-07-01T13:00:00.000Z');
    expect(stockholmWallClock(new Date('1979-12-31T23:30:00Z')).toISOString()).toBe('1980-01-01T00:30:00.000Z');
    expect(stockholmWallClock(new Date(Date.UTC(1890, 0, 1, 12))).getTime()).toBe(icuWallClockMs(Date.UTC(1890, 0, 1, 12)));
  });

  it('refuses an invalid Date as Intl does', () => {
    expect(() => stockholmWallClock(new Date(NaN))).toThrow(RangeError);
    expect(() => stockholmMinute(new Date(NaN))).toThrow(RangeError);
  });
});

describe('stockholmDate', () => {
  it('is the date on the Stockholm wall clock', () => {
    expect(stockholmDate(new Date('2023-12-31T22:59:59Z'))).toBe('2023-12-31');
    expect(stockholmDate(new Date('2023-12-31T23:00:00Z'))).toBe('2024-01-01');
    expect(stockholmDate(new Date('2023-06-30T21:59:59Z'))).toBe('2023-06-30');
    expect(stockholmDate(new Date('2023-06-30T22:00:00Z'))).toBe('2023-07-01');
  });
});
