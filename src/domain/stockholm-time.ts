/** Instants as Swedish documents and pages show them: "2023-10-03 09:32", to the minute, in Stockholm time. Pure. */
import { STOCKHOLM_TIME_ZONE } from './calendar-date';

const STOCKHOLM_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: STOCKHOLM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2023-10-03 09:32" (summer time) or "2023-12-03 08:32" (winter time) for 07:32 UTC. */
export function stockholmMinute(instant: Date): string {
  const parts = Object.fromEntries(STOCKHOLM_MINUTE.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
