/** Time is injected everywhere a decision or a document depends on it, so tests can pin it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const time = typeof at === 'string' ? new Date(at) : at;
  return { now: () => new Date(time.getTime()) };
}
