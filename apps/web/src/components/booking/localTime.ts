import { firstFreeStart, localInstant, localRange, minutesOfDay, type OpeningInterval } from '@equipole/shared';
import { DateTime } from 'luxon';
import { now as businessNow } from '@/services/clock';

/**
 * Wall-clock times at the equipment's site, whatever the browser's zone: forms show and take the
 * site's local date and time, the API takes instants.
 */

export interface LocalSlot {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  startTime: string;
  endTime: string;
}

export function toLocalParts(iso: string, zone: string): { date: string; time: string } {
  const local = DateTime.fromISO(iso, { zone });
  return { date: local.toISODate() ?? '', time: local.toFormat('HH:mm') };
}

/** The instant of a local date and time at the site (`24:00` is the next midnight); null when unreadable. */
export function fromLocalParts(date: string, time: string, zone: string): string | null {
  if (!/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = localInstant(date, time, zone);
  return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
}

/**
 * A local range at the site, by the API's rule for the nights clocks change (libs/shared local-time.ts):
 * a time that does not exist moves forward by the gap, one that exists twice is the first, and the
 * range keeps its duration in real time. Each side is null when unreadable.
 */
export function rangeFromLocalParts(date: string, startTime: string, endTime: string, zone: string): { start: string | null; end: string | null } {
  const start = fromLocalParts(date, startTime, zone);
  if (!start || !/^\d{2}:\d{2}$/.test(endTime)) return { start, end: null };
  const { end } = localRange(date, startTime, endTime, zone);
  return { start, end: Number.isFinite(end) ? new Date(end).toISOString() : null };
}

export function slotFromRange(start: string, end: string, zone: string): LocalSlot {
  const from = toLocalParts(start, zone);
  const to = toLocalParts(end, zone);
  return { date: from.date, startTime: from.time, endTime: to.date !== from.date && to.time === '00:00' ? '24:00' : to.time };
}

/**
 * A sensible first proposal: the first opening interval on or after the earliest bookable day
 * (lead time honoured), as long as the minimum duration — or the whole interval if shorter.
 */
export function defaultSlot(
  rules: { openingHours: OpeningInterval[]; minDurationMinutes: number; leadTimeMinutes: number },
  zone: string,
  now: number = businessNow(),
): LocalSlot {
  const earliest = DateTime.fromMillis(now, { zone }).plus({ minutes: rules.leadTimeMinutes });
  let day = earliest.plus({ days: 1 }).startOf('day');
  for (let i = 0; i < 14; i++, day = day.plus({ days: 1 })) {
    const interval = rules.openingHours
      .filter((o) => o.weekday === day.weekday)
      .sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start))[0];
    if (!interval) continue;
    const start = minutesOfDay(interval.start);
    const end = Math.min(minutesOfDay(interval.end), start + rules.minDurationMinutes);
    return { date: day.toISODate()!, startTime: interval.start, endTime: clock(end) };
  }
  return { date: day.toISODate()!, startTime: '08:00', endTime: clock(8 * 60 + rules.minDurationMinutes) };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The first slot nobody holds: the earliest grid-aligned start in the availability's free spans
 * (lead time honoured) as long as the minimum duration. Undefined when nothing is free in the range.
 */
export function firstFreeSlot(
  rules: { minDurationMinutes: number; slotMinutes: number; leadTimeMinutes: number },
  free: { start: string; end: string }[],
  zone: string,
  now: number = businessNow(),
): LocalSlot | undefined {
  const spans = free.map((span) => ({ start: Date.parse(span.start), end: Date.parse(span.end) })).sort((a, b) => a.start - b.start);
  const start = firstFreeStart(spans, rules.minDurationMinutes, rules.slotMinutes, zone, now + rules.leadTimeMinutes * 60_000);
  if (start === undefined) return undefined;
  return slotFromRange(new Date(start).toISOString(), new Date(start + rules.minDurationMinutes * 60_000).toISOString(), zone);
}
