import { DateTime } from 'luxon';

/**
 * Business time as the app under test sees it: EQUIPOLE_NOW (set by scripts/test-at-instants.mjs)
 * running on from when this file was loaded, or the real time. Tests compute "next week" or "two days
 * ago" from this, never from the real clock, so that they pass at any instant.
 */
const offsetMs = process.env.EQUIPOLE_NOW ? DateTime.fromISO(process.env.EQUIPOLE_NOW).toMillis() - Date.now() : 0;

export function nowMs(): number {
  return Date.now() + offsetMs;
}

export function now(zone = 'Europe/Brussels'): DateTime {
  return DateTime.fromMillis(nowMs(), { zone });
}
