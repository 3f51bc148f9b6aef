import { anslagSchedule, appealPeriodEnd, isAnslagCurrent } from '../../../src/domain/appeal-period';
import { stockholmDate, weekday } from '../../../src/domain/calendar-date';
import { fixedClock } from '../../../src/clock';

describe('appealPeriodEnd', () => {
  it('justerat Thursday 2023-10-05 and posted the same day ends Thursday 2023-10-26', () => {
    const clock = fixedClock('2023-10-05T14:12:00+02:00');
    const schedule = anslagSchedule(stockholmDate(clock.now()));
    expect(schedule).toEqual({
      justeradOn: '2023-10-05',
      postedOn: '2023-10-05',
      appealPeriodEndsOn: '2023-10-26',
      takedownOn: '2023-10-27',
    });
    expect(weekday(schedule.appealPeriodEndsOn)).toBe(4);
  });

  it.each([
    ['a Saturday', '2023-10-07', '2023-10-30'],
    ['a Sunday', '2023-10-08', '2023-10-30'],
    ['midsommarafton (then midsommardagen and a Sunday)', '2024-05-31', '2024-06-24'],
    ['Easter Monday', '2024-03-11', '2024-04-02'],
    ['långfredagen (then påskafton, påskdagen, annandag påsk)', '2024-03-08', '2024-04-02'],
    ['juldagen (then annandag jul)', '2023-12-04', '2023-12-27'],
    ['annandag jul', '2024-12-05', '2024-12-27'],
    ['julafton', '2024-12-03', '2024-12-27'],
    ['nyårsafton (then nyårsdagen)', '2024-12-10', '2025-01-02'],
    ['Kristi himmelsfärdsdag', '2023-04-27', '2023-05-19'],
    ['nationaldagen', '2024-05-16', '2024-06-07'],
    ['första maj', '2024-04-10', '2024-05-02'],
  ])('a period that would end on %s moves to the next weekday', (_case, postedOn, expected) => {
    expect(appealPeriodEnd(postedOn)).toBe(expected);
  });

  it('names the field for a date that is not one', () => {
    expect(() => appealPeriodEnd('2023-13-01')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID', field: 'postedOn' }));
  });
});

describe('anslagSchedule', () => {
  it('posts up to the second day after justering and counts the period from the day posted', () => {
    expect(anslagSchedule('2023-10-05', { publishDelayDays: 2 })).toEqual({
      justeradOn: '2023-10-05',
      postedOn: '2023-10-07',
      appealPeriodEndsOn: '2023-10-30',
      takedownOn: '2023-10-31',
    });
  });

  it('refuses a delay beyond the second day (KL 8 kap. 12 §)', () => {
    expect(() => anslagSchedule('2023-10-05', { publishDelayDays: 3 })).toThrow(
      expect.objectContaining({ code: 'ERR_INPUT_INVALID', field: 'publishDelayDays' }),
    );
    expect(() => anslagSchedule('2023-10-05', { publishDelayDays: -1 })).toThrow(expect.objectContaining({ field: 'publishDelayDays' }));
  });

  it('keeps the anslag up through the last day of the appeal period and takes it down the day after', () => {
    const schedule = anslagSchedule('2023-10-05');
    expect(isAnslagCurrent(schedule, '2023-10-04')).toBe(false);
    expect(isAnslagCurrent(schedule, '2023-10-05')).toBe(true);
    expect(isAnslagCurrent(schedule, '2023-10-26')).toBe(true);
    expect(isAnslagCurrent(schedule, '2023-10-27')).toBe(false);
  });
});
