/** Dates and times as Swedish pages show them: "2023-10-03 09:32", always in Stockholm time. */
import { STOCKHOLM_TIME_ZONE } from '../../../domain/calendar-date';

const stockholmMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: STOCKHOLM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2023-10-03 09:32" in Stockholm time; an unreadable value is shown as it is. */
export function formatStockholmMinute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : stockholmMinute.format(date).replace(',', '');
}
