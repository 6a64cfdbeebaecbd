import { Settings } from 'luxon';

/**
 * Business time in the browser: the real time, unless the API runs at another instant (EQUIPOLE_NOW
 * in development and tests), which it says in the `X-Equipole-Now` header of every answer. The web
 * app computes "now" (calendar start, "next week", lead-time hints) from here, never from `Date.now()`,
 * so that it agrees with the rules the API applies.
 */
export const CLOCK_HEADER = 'X-Equipole-Now';

let offsetMs = 0;

export function now(): number {
  return Date.now() + offsetMs;
}

/** Follows the API's business time from an answer's header; an answer without it means the real time. */
export function followServerClock(header: string | null, receivedAt: number = Date.now()): void {
  const serverNow = header ? Date.parse(header) : Number.NaN;
  offsetMs = Number.isFinite(serverNow) ? serverNow - receivedAt : 0;
}

// Luxon's DateTime.now() (and every "today" built on it) follows the same clock.
Settings.now = now;
