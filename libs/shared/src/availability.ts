import { DateTime } from 'luxon';
import type { OpeningInterval } from './domain';
import { localInstant, localRange } from './local-time';
import { type Closure } from './rules';

/** A half-open time range [start, end) in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

const MINUTE = 60_000;

/** Sorts and merges overlapping or touching spans. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** `from` minus every span of `remove` (both any order); the result is merged and sorted. */
export function subtractSpans(from: Span[], remove: Span[]): Span[] {
  const cuts = mergeSpans(remove);
  const result: Span[] = [];
  for (const span of mergeSpans(from)) {
    let cursor = span.start;
    for (const cut of cuts) {
      if (cut.end <= cursor || cut.start >= span.end) continue;
      if (cut.start > cursor) result.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cursor >= span.end) break;
    }
    if (cursor < span.end) result.push({ start: cursor, end: span.end });
  }
  return result;
}

/** The instant of a local wall-clock time on a local day, by the one rule of local-time.ts. */
function at(day: DateTime, time: string): number {
  return localInstant(day.toISODate()!, time, day.zoneName!);
}

function coversDay(closure: Closure, day: DateTime): boolean {
  if (!closure.yearly) {
    const iso = day.toISODate()!;
    return closure.startsOn <= iso && iso <= closure.endsOn;
  }
  const monthDay = day.toFormat('MM-dd');
  const from = closure.startsOn.slice(5);
  const to = closure.endsOn.slice(5);
  return from <= to ? from <= monthDay && monthDay <= to : monthDay >= from || monthDay <= to;
}

/**
 * Opening hours minus closures, as absolute spans within [from, to), expanded day by day in the
 * site's IANA zone — so 08:00 stays 08:00 local across DST changes, and a DST day is 23 or 25 hours.
 */
export function openSpans(openingHours: OpeningInterval[], closures: Closure[], zone: string, from: number, to: number): Span[] {
  const open: Span[] = [];
  const closed: Span[] = [];
  let day = DateTime.fromMillis(from, { zone }).startOf('day');
  const last = DateTime.fromMillis(to, { zone });
  while (day < last) {
    for (const interval of openingHours) {
      if (interval.weekday === day.weekday) open.push({ start: at(day, interval.start), end: at(day, interval.end) });
    }
    for (const closure of closures) {
      if (!coversDay(closure, day)) continue;
      closed.push(
        closure.startTime && closure.endTime
          ? { start: at(day, closure.startTime), end: at(day, closure.endTime) }
          : { start: day.toMillis(), end: day.plus({ days: 1 }).startOf('day').toMillis() },
      );
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return subtractSpans(open, closed)
    .map((span) => ({ start: Math.max(span.start, from), end: Math.min(span.end, to) }))
    .filter((span) => span.end > span.start);
}

/**
 * Where a new booking's period can lie: open spans minus every existing blocked range, widened by
 * the new booking's own buffers (its set-up must not touch the other's cleaning, and vice versa).
 */
export function freeSpans(open: Span[], blocked: Span[], buffers: { beforeMinutes: number; afterMinutes: number }): Span[] {
  return subtractSpans(
    open,
    blocked.map((b) => ({ start: b.start - buffers.afterMinutes * MINUTE, end: b.end + buffers.beforeMinutes * MINUTE })),
  );
}

/**
 * The first start, aligned to the slot grid of the local day (e.g. every 30 minutes from midnight),
 * at or after `notBefore`, that leaves `minutes` free.
 */
export function firstFreeStart(free: Span[], minutes: number, slotMinutes: number, zone: string, notBefore: number): number | undefined {
  for (const span of free) {
    let start = Math.max(span.start, notBefore);
    const local = DateTime.fromMillis(start, { zone });
    const sinceMidnight = (start - local.startOf('day').toMillis()) / MINUTE;
    const misalignment = sinceMidnight % slotMinutes;
    if (misalignment !== 0) start += (slotMinutes - misalignment) * MINUTE;
    if (start + minutes * MINUTE <= span.end) return start;
  }
  return undefined;
}

/** True when the whole period lies inside one span (spans merged first, so touching spans count as one). */
export function containsSpan(spans: Span[], period: Span): boolean {
  return mergeSpans(spans).some((span) => span.start <= period.start && period.end <= span.end);
}

/** A weekly (or every N weeks) recurrence of one local time range, over a range of local days. */
export interface SeriesPattern {
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[];
  intervalWeeks: number;
  /** Local wall-clock times, HH:MM. */
  startTime: string;
  endTime: string;
  /** First and last local day, inclusive (YYYY-MM-DD). */
  startsOn: string;
  endsOn: string;
}

/**
 * Every occurrence of a series in the site's zone: "every Tuesday 08:30–12:00" stays 08:30 local on
 * both sides of a DST change, and 02:30–03:30 lasts one hour on both nights clocks change. Weeks are counted from the ISO week of `startsOn`.
 */
export function expandSeries(pattern: SeriesPattern, zone: string): { date: string; start: number; end: number }[] {
  const first = DateTime.fromISO(pattern.startsOn, { zone }).startOf('day');
  const last = DateTime.fromISO(pattern.endsOn, { zone }).startOf('day');
  const firstWeek = first.startOf('week');
  const occurrences: { date: string; start: number; end: number }[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 }).startOf('day')) {
    const weeks = Math.round(day.startOf('week').diff(firstWeek, 'weeks').weeks);
    if (weeks % pattern.intervalWeeks !== 0 || !pattern.weekdays.includes(day.weekday)) continue;
    // The duration is kept in real time on the nights clocks change (local-time.ts).
    occurrences.push({ date: day.toISODate()!, ...localRange(day.toISODate()!, pattern.startTime, pattern.endTime, zone) });
  }
  return occurrences;
}
