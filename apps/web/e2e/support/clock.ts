import { DateTime } from 'luxon';

/**
 * Business time as the server under test sees it: EQUIPOLE_NOW (scripts/test-at-instants.mjs) running
 * on from when this file was loaded, or the real time. Journeys compute "next week" from here.
 */
const offsetMs = process.env.EQUIPOLE_NOW ? DateTime.fromISO(process.env.EQUIPOLE_NOW).toMillis() - Date.now() : 0;

export function now(zone: string): DateTime {
  return DateTime.fromMillis(Date.now() + offsetMs, { zone });
}
