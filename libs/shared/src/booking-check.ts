import { DateTime } from 'luxon';
import { containsSpan, openSpans, type Span } from './availability';
import type { ResourceStatus } from './domain';
import { ErrorCode } from './errors';
import { minutesOfDay, type BookingRules, type Closure } from './rules';

const MINUTE = 60_000;

export interface BookingCheck {
  now: number;
  period: Span;
  /** The site's IANA zone. */
  zone: string;
  rules: Pick<BookingRules, 'openingHours' | 'slotMinutes' | 'minDurationMinutes' | 'maxDurationMinutes' | 'leadTimeMinutes' | 'horizonDays'>;
  status: ResourceStatus;
  capacity: number;
  participants: number;
  closures: Closure[];
}

/** A broken rule, with the values its message needs (formatted for the reader's language by the caller). */
export type BookingViolation =
  | { code: ErrorCode.ResourceUnavailable; status: ResourceStatus }
  | { code: ErrorCode.StartInPast }
  | { code: ErrorCode.LeadTimeNotMet; minutes: number }
  | { code: ErrorCode.BeyondHorizon; days: number }
  | { code: ErrorCode.DurationTooShort | ErrorCode.DurationTooLong | ErrorCode.OffSlotGrid; minutes: number }
  | { code: ErrorCode.ResourceClosed; reason: string }
  | { code: ErrorCode.OutsideOpeningHours; weekday: number; intervals: { start: string; end: string }[] }
  | { code: ErrorCode.CapacityExceeded; capacity: number };

/**
 * The rules of an item that need no database: status, lead time, horizon, duration, slot grid,
 * closures, opening hours (in the site's zone) and capacity. The first broken rule, or undefined.
 */
export function checkBookingRules(check: BookingCheck): BookingViolation | undefined {
  const { period, rules, zone } = check;
  if (check.status !== 'active') return { code: ErrorCode.ResourceUnavailable, status: check.status };
  if (period.start < check.now) return { code: ErrorCode.StartInPast };
  if (period.start < check.now + rules.leadTimeMinutes * MINUTE) return { code: ErrorCode.LeadTimeNotMet, minutes: rules.leadTimeMinutes };
  if (period.start > DateTime.fromMillis(check.now, { zone }).plus({ days: rules.horizonDays }).toMillis()) {
    return { code: ErrorCode.BeyondHorizon, days: rules.horizonDays };
  }
  const minutes = (period.end - period.start) / MINUTE;
  if (minutes < rules.minDurationMinutes) return { code: ErrorCode.DurationTooShort, minutes: rules.minDurationMinutes };
  if (minutes > rules.maxDurationMinutes) return { code: ErrorCode.DurationTooLong, minutes: rules.maxDurationMinutes };
  const onGrid = (instant: number) => {
    const local = DateTime.fromMillis(instant, { zone });
    return (local.hour * 60 + local.minute) % rules.slotMinutes === 0 && local.second === 0 && local.millisecond === 0;
  };
  if (!onGrid(period.start) || !onGrid(period.end)) return { code: ErrorCode.OffSlotGrid, minutes: rules.slotMinutes };

  const dayStart = DateTime.fromMillis(period.start, { zone }).startOf('day');
  const range = { from: dayStart.toMillis(), to: Math.max(period.end, dayStart.plus({ days: 1 }).toMillis()) };
  const withoutClosures = openSpans(rules.openingHours, [], zone, range.from, range.to);
  if (!containsSpan(withoutClosures, period)) {
    const weekday = dayStart.weekday;
    const intervals = rules.openingHours
      .filter((i) => i.weekday === weekday)
      .sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start))
      .map(({ start, end }) => ({ start, end }));
    return { code: ErrorCode.OutsideOpeningHours, weekday, intervals };
  }
  if (check.closures.length > 0) {
    const withClosures = openSpans(rules.openingHours, check.closures, zone, range.from, range.to);
    if (!containsSpan(withClosures, period)) {
      const closure = check.closures.find((c) => !containsSpan(openSpans(rules.openingHours, [c], zone, range.from, range.to), period));
      return { code: ErrorCode.ResourceClosed, reason: closure?.reason ?? '' };
    }
  }
  if (check.participants > check.capacity) return { code: ErrorCode.CapacityExceeded, capacity: check.capacity };
  return undefined;
}
