import { addDays, isIsoDate, stockholmDate, weekday } from '../../../src/domain/calendar-date';
import { easterSunday, holidayOn, isSwedishWorkingDay, nextSwedishWorkingDay, swedishHolidays } from '../../../src/domain/swedish-calendar';

describe('easterSunday', () => {
  // Published Easter dates (Western churches), including the earliest (22 March) and latest (25 April) possible.
  it.each([
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
    expect(weekday(expected)).toBe(0);
  });

  it('refuses years before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('swedishHolidays', () => {
  it('lists every holiday of 2024 with the moving ones where the almanac has them', () => {
    const byName = Object.fromEntries(swedishHolidays(2024).map((h) => [h.name, h.date]));
    expect(byName).toEqual({
      'nyårsdagen': '2024-01-01',
      'trettondedag jul': '2024-01-06',
      'långfredagen': '2024-03-29',
      'påskdagen': '2024-03-31',
      'annandag påsk': '2024-04-01',
      'första maj': '2024-05-01',
      'Kristi himmelsfärdsdag': '2024-05-09',
      'pingstdagen': '2024-05-19',
      'Sveriges nationaldag': '2024-06-06',
      'midsommarafton': '2024-06-21',
      'midsommardagen': '2024-06-22',
      'alla helgons dag': '2024-11-02',
      'julafton': '2024-12-24',
      'juldagen': '2024-12-25',
      'annandag jul': '2024-12-26',
      'nyårsafton': '2024-12-31',
    });
  });

  it.each([
    [2023, '2023-06-23', '2023-11-04'],
    [2025, '2025-06-20', '2025-11-01'],
    [2026, '2026-06-19', '2026-10-31'],
    [2027, '2027-06-25', '2027-11-06'],
  ])('%i: midsommarafton %s (a Friday 19–25 June), alla helgons dag %s (a Saturday 31 Oct–6 Nov)', (year, midsommar, allaHelgon) => {
    expect(holidayOn(midsommar)?.name).toBe('midsommarafton');
    expect(weekday(midsommar)).toBe(5);
    expect(holidayOn(allaHelgon)?.name).toBe('alla helgons dag');
    expect(weekday(allaHelgon)).toBe(6);
    expect(swedishHolidays(year)).toHaveLength(16);
  });

  it('marks the eves as holiday-like (lag 1930:173), not as allmänna helgdagar', () => {
    expect(holidayOn('2024-12-24')).toEqual({ date: '2024-12-24', name: 'julafton', kind: 'like-holiday' });
    expect(holidayOn('2024-12-25')?.kind).toBe('public');
  });
});

describe('working days', () => {
  it('skips weekends and holidays', () => {
    expect(isSwedishWorkingDay('2023-10-05')).toBe(true);
    expect(isSwedishWorkingDay('2023-10-07')).toBe(false);
    expect(isSwedishWorkingDay('2023-10-08')).toBe(false);
    expect(nextSwedishWorkingDay('2024-03-29')).toBe('2024-04-02');
    expect(nextSwedishWorkingDay('2024-12-24')).toBe('2024-12-27');
    expect(nextSwedishWorkingDay('2023-10-05')).toBe('2023-10-05');
  });
});

describe('calendar dates', () => {
  it('rejects dates that do not exist', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-10-5')).toBe(false);
  });

  it('adds days across month, year and daylight-saving boundaries without slipping', () => {
    expect(addDays('2023-03-20', 21)).toBe('2023-04-10');
    expect(addDays('2023-10-20', 21)).toBe('2023-11-10');
    expect(addDays('2023-12-20', 21)).toBe('2024-01-10');
  });

  it('takes the calendar date in Stockholm, not in UTC', () => {
    expect(stockholmDate(new Date('2023-12-31T23:30:00Z'))).toBe('2024-01-01');
    expect(stockholmDate(new Date('2023-06-30T22:30:00Z'))).toBe('2023-07-01');
    expect(stockholmDate(new Date('2023-06-30T21:30:00Z'))).toBe('2023-06-30');
  });
});
