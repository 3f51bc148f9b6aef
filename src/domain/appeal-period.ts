/**
 * The anslag's dates: when it is posted after justering (KL 8 kap. 12 §: no later than the second day
 * after), and how long it must stay up: the three-week appeal period (KL 13 kap. 5 §), whose last day
 * moves to the next working day when it would fall on a Saturday, Sunday or holiday (lag 1930:173).
 */
import { InputError } from '../errors';
import { IsoDate, addDays, isIsoDate } from './calendar-date';
import { nextSwedishWorkingDay } from './swedish-calendar';

/** KL 8 kap. 12 §: the justering is announced no later than the second day after it. */
export const MAX_PUBLISH_DELAY_DAYS = 2;

/** KL 13 kap. 5 §: three weeks from the day the anslag was posted. */
export const APPEAL_PERIOD_DAYS = 21;

function requireIsoDate(value: string, field: string): void {
  if (!isIsoDate(value)) throw new InputError(`${field} must be a calendar date written YYYY-MM-DD, got "${value}"`, { field });
}

/** The last day on which an appeal can reach the förvaltningsrätt, for an anslag posted on `postedOn`. */
export function appealPeriodEnd(postedOn: IsoDate): IsoDate {
  requireIsoDate(postedOn, 'postedOn');
  return nextSwedishWorkingDay(addDays(postedOn, APPEAL_PERIOD_DAYS));
}

export interface AnslagSchedule {
  /** The day the justering was completed. */
  justeradOn: IsoDate;
  /** The day the anslag goes up on the anslagstavla. */
  postedOn: IsoDate;
  /** The last day of the appeal period; the anslag is up to and including this day. */
  appealPeriodEndsOn: IsoDate;
  /** The first day the anslag is no longer on the anslagstavla (it stays in the archive). */
  takedownOn: IsoDate;
}

export interface AnslagScheduleOptions {
  /** Days between justering and posting, 0 (the default: same day) to 2. */
  publishDelayDays?: number;
}

export function anslagSchedule(justeradOn: IsoDate, options: AnslagScheduleOptions = {}): AnslagSchedule {
  requireIsoDate(justeradOn, 'justeradOn');
  const delay = options.publishDelayDays ?? 0;
  if (!Number.isInteger(delay) || delay < 0 || delay > MAX_PUBLISH_DELAY_DAYS) {
    throw new InputError(
      `publishDelayDays must be a whole number from 0 to ${MAX_PUBLISH_DELAY_DAYS} (KL 8 kap. 12 §: no later than the second day after justering), got ${delay}`,
      { field: 'publishDelayDays' },
    );
  }
  const postedOn = addDays(justeradOn, delay);
  const appealPeriodEndsOn = appealPeriodEnd(postedOn);
  return { justeradOn, postedOn, appealPeriodEndsOn, takedownOn: addDays(appealPeriodEndsOn, 1) };
}

/** Whether an anslag with this schedule is on the anslagstavla on `today` (a Stockholm calendar date). */
export function isAnslagCurrent(schedule: Pick<AnslagSchedule, 'postedOn' | 'takedownOn'>, today: IsoDate): boolean {
  return schedule.postedOn <= today && today < schedule.takedownOn;
}
