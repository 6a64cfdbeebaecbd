import type { AvailabilityView } from '@equipole/shared';
import { DateTime } from 'luxon';

/** `notice`: still ahead, but inside the item's notice period (too late to book). */
export type SlotState = 'free' | 'partly' | 'taken' | 'closed' | 'past' | 'notice';

export interface WeekGridRow {
  /** Local wall-clock minutes of the day where the row starts and ends. */
  startMinutes: number;
  endMinutes: number;
  /** One state per day, Monday first. */
  cells: SlotState[];
}

export interface WeekGrid {
  /** Local midnight of each day, Monday first. */
  days: DateTime[];
  /** Empty when nothing opens during the week. */
  rows: WeekGridRow[];
}

interface Range {
  start: number;
  end: number;
}

const DAY_MINUTES = 24 * 60;

/** Monday 00:00 of the week holding `instant`, in the resource's zone. */
export function startOfWeek(instant: number, zone: string): DateTime {
  return DateTime.fromMillis(instant, { zone }).startOf('week');
}

function overlap(slot: Range, ranges: Range[]): number {
  let total = 0;
  for (const range of ranges) total += Math.max(0, Math.min(slot.end, range.end) - Math.max(slot.start, range.start));
  return total;
}

function minuteOfDay(instant: number, day: DateTime): number {
  const local = DateTime.fromMillis(instant, { zone: day.zone });
  return local.hour * 60 + local.minute;
}

/** The instant of a wall-clock time of a local day (24:00 is the next midnight), safe across DST changes. */
export function atMinutes(day: DateTime, minutes: number): number {
  if (minutes >= DAY_MINUTES) return day.plus({ days: 1 }).toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/**
 * `atMinutes` for one local day. On a day that starts at 00:00 and keeps one UTC offset (all but a
 * couple a year) a wall-clock time is plain arithmetic from midnight; Luxon's zone rules, a few
 * hundred times per week shown, were most of the grid's cost.
 */
export function dayClock(day: DateTime): (minutes: number) => number {
  const midnight = day.toMillis();
  const next = day.plus({ days: 1 });
  const nextMidnight = next.toMillis();
  const regular = day.hour === 0 && day.minute === 0 && day.second === 0 && day.millisecond === 0 && nextMidnight - midnight === DAY_MINUTES * 60_000 && next.offset === day.offset;
  if (!regular) return (minutes) => atMinutes(day, minutes);
  return (minutes) => (minutes >= DAY_MINUTES ? nextMidnight : midnight + minutes * 60_000);
}

/**
 * A 7-day grid of the week starting at `weekStart` (local midnight): rows of `stepMinutes` from the
 * earliest opening to the latest closing of the week, each cell free, partly free, taken, closed or past.
 */
export function buildWeekGrid(
  availability: Pick<AvailabilityView, 'open' | 'free'>,
  weekStart: DateTime,
  now: number,
  stepMinutes = 60,
  bookableFrom = now,
): WeekGrid {
  const toRange = (span: { start: string; end: string }): Range => ({ start: Date.parse(span.start), end: Date.parse(span.end) });
  const open = availability.open.map(toRange);
  const free = availability.free.map(toRange);
  const days = Array.from({ length: 7 }, (_, index) => weekStart.plus({ days: index }).startOf('day'));

  let earliest = DAY_MINUTES;
  let latest = 0;
  for (const day of days) {
    const dayRange = { start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() };
    for (const span of open) {
      const start = Math.max(span.start, dayRange.start);
      const end = Math.min(span.end, dayRange.end);
      if (start >= end) continue;
      earliest = Math.min(earliest, minuteOfDay(start, day));
      latest = Math.max(latest, end === dayRange.end ? DAY_MINUTES : minuteOfDay(end, day));
    }
  }
  if (earliest >= latest) return { days, rows: [] };

  const first = Math.floor(earliest / stepMinutes) * stepMinutes;
  const last = Math.min(DAY_MINUTES, Math.ceil(latest / stepMinutes) * stepMinutes);
  const clocks = days.map(dayClock);
  const rows: WeekGridRow[] = [];
  for (let minutes = first; minutes < last; minutes += stepMinutes) {
    const endMinutes = Math.min(minutes + stepMinutes, DAY_MINUTES);
    const cells = clocks.map((clock): SlotState => {
      const slot = { start: clock(minutes), end: clock(endMinutes) };
      const openTime = overlap(slot, open);
      if (openTime === 0) return 'closed';
      if (slot.end <= now) return 'past';
      const freeTime = overlap({ start: Math.max(slot.start, bookableFrom), end: slot.end }, free);
      if (slot.end <= bookableFrom || (slot.start < bookableFrom && freeTime === 0)) return 'notice';
      if (freeTime === 0) return 'taken';
      return freeTime >= openTime ? 'free' : 'partly';
    });
    rows.push({ startMinutes: minutes, endMinutes, cells });
  }
  return { days, rows };
}
