import type { BookingStatus } from '@equipole/shared';
import { DateTime } from 'luxon';

/**
 * The partner planning: one row per equipment item, one column per day of a week, each cell the
 * bookings of that item touching that day in the item's own time zone (a booking over midnight
 * shows on both days).
 */

/** The zone weeks are counted in (the territory's; Brussels and Paris share their offsets). */
export const PLANNING_ZONE = 'Europe/Brussels';

export interface PlanningResource {
  id: string;
  timeZone: string;
}

export interface PlanningBooking {
  id: string;
  resourceId: string;
  start: string;
  end: string;
  status: BookingStatus;
}

export interface PlanningWeek {
  /** Monday, YYYY-MM-DD. */
  monday: string;
  /** The seven days, YYYY-MM-DD. */
  days: string[];
  /** What to fetch: a little wider than the week so that any site zone's days are covered. */
  from: string;
  to: string;
}

/** The Monday (YYYY-MM-DD) of the week holding `date` (YYYY-MM-DD or ISO instant); today's week if unreadable. */
export function mondayOf(date: string | null | undefined, now: DateTime = DateTime.now()): string {
  const parsed = date ? DateTime.fromISO(date, { zone: PLANNING_ZONE }) : null;
  const day = parsed?.isValid ? parsed : now.setZone(PLANNING_ZONE);
  return day.startOf('week').toISODate()!;
}

export function shiftWeek(monday: string, weeks: number): string {
  return DateTime.fromISO(monday, { zone: PLANNING_ZONE }).plus({ weeks }).toISODate()!;
}

export function planningWeek(monday: string): PlanningWeek {
  const start = DateTime.fromISO(monday, { zone: PLANNING_ZONE }).startOf('day');
  const days = Array.from({ length: 7 }, (_, index) => start.plus({ days: index }).toISODate()!);
  return {
    monday: days[0],
    days,
    // ±14 h covers every zone from UTC−12 to UTC+14 around the territory's.
    from: start.minus({ hours: 14 }).toUTC().toISO()!,
    to: start.plus({ days: 7, hours: 14 }).toUTC().toISO()!,
  };
}

export interface PlanningRow<R extends PlanningResource, B extends PlanningBooking> {
  resource: R;
  /** One list per day of the week, in the week's order, each sorted by start. */
  cells: B[][];
  count: number;
}

/** Places the bookings in their item's row and in every day of the week they touch (in the item's zone). */
export function buildPlanningRows<R extends PlanningResource, B extends PlanningBooking>(
  resources: readonly R[],
  bookings: readonly B[],
  week: PlanningWeek,
): PlanningRow<R, B>[] {
  const rows = new Map(resources.map((resource) => [resource.id, { resource, cells: week.days.map(() => [] as B[]), count: 0 }]));
  const seen = new Set<string>();
  for (const booking of bookings) {
    const row = rows.get(booking.resourceId);
    if (!row || seen.has(booking.id)) continue;
    seen.add(booking.id);
    const zone = row.resource.timeZone;
    const start = DateTime.fromISO(booking.start, { zone });
    // The end is exclusive: a booking ending at midnight does not show on the next day.
    const end = DateTime.fromISO(booking.end, { zone }).minus({ milliseconds: 1 });
    if (!start.isValid || !end.isValid || end < start) continue;
    let placed = false;
    week.days.forEach((day, index) => {
      const dayStart = DateTime.fromISO(day, { zone });
      if (start < dayStart.plus({ days: 1 }) && end >= dayStart) {
        row.cells[index].push(booking);
        placed = true;
      }
    });
    if (placed) row.count += 1;
  }
  for (const row of rows.values()) for (const cell of row.cells) cell.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return [...rows.values()];
}
