import { IANAZone } from 'luxon';
import { minutesOfDay } from './rules';

/**
 * One rule for wall-clock times at a site, used by opening hours, closures, series, single bookings
 * and the web's forms alike (docs/architecture.md, "Local times across DST changes"):
 *
 * - a local time that exists twice (the night clocks go back) is its FIRST occurrence, in summer time;
 * - a local time that does not exist (the night clocks go forward) is read with the offset in force
 *   before the gap, as RFC 5545 §3.3.5 reads it, so 02:30 becomes 03:30;
 * - a requested time range (a booking, a series date) keeps its duration in real time: 02:30–03:30
 *   is one hour on both nights, never zero or two.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

function offsetAt(instant: number, zone: IANAZone): number {
  return zone.offset(instant);
}

/** The instant of a local date (YYYY-MM-DD) and time (HH:MM, `24:00` = next midnight) in `zone`; NaN when unreadable. */
export function localInstant(date: string, time: string, zone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const minutes = minutesOfDay(time);
  if (!match || Number.isNaN(minutes) || minutes < 0 || minutes > 1440) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnight = Date.UTC(year, month - 1, day);
  const iana = IANAZone.create(zone);
  if (new Date(midnight).getUTCDate() !== day || !iana.isValid) return Number.NaN;
  // The wall-clock reading as if it were UTC, then each offset in force around it (a zone changes its
  // offset at most once in a day): a candidate is valid when the zone really has that offset then.
  const wall = midnight + minutes * MINUTE;
  const before = offsetAt(wall - DAY, iana);
  const after = offsetAt(wall + DAY, iana);
  const early = wall - Math.max(before, after) * MINUTE;
  const late = wall - Math.min(before, after) * MINUTE;
  if (before === after || offsetAt(early, iana) === Math.max(before, after)) return early;
  if (offsetAt(late, iana) === Math.min(before, after)) return late;
  return wall - before * MINUTE;
}

/** A local time range on one local day; the end keeps the wall-clock duration in real time. */
export function localRange(date: string, startTime: string, endTime: string, zone: string): { start: number; end: number } {
  const start = localInstant(date, startTime, zone);
  const minutes = minutesOfDay(endTime) - minutesOfDay(startTime);
  return { start, end: start + minutes * MINUTE };
}
