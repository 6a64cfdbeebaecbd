import { minutesOfDay, type OpeningInterval } from '@equipole/shared';
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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const minutes = minutesOfDay(time);
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid || Number.isNaN(minutes)) return null;
  return day.startOf('day').plus({ minutes }).toUTC().toISO();
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
