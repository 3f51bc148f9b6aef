/** Dates and times as Swedish pages show them: "2023-10-03 09:32", always in Stockholm time. */
import { stockholmMinute } from '../../../domain/stockholm-time';

/** "2023-10-03 09:32" in Stockholm time; an unreadable value is shown as it is. */
export function formatStockholmMinute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : stockholmMinute(date);
}
