/** Instants as Swedish documents and pages show them: "2023-10-03 09:32", to the minute, in Stockholm time. Pure. */
import { stockholmWallClock } from './stockholm-clock';

const two = (value: number): string => String(value).padStart(2, '0');

/** "2023-10-03 09:32" (summer time) or "2023-12-03 08:32" (winter time) for 07:32 UTC. */
export function stockholmMinute(instant: Date): string {
  const wall = stockholmWallClock(instant);
  return `${String(wall.getUTCFullYear()).padStart(4, '0')}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}
