import { minutesOfDay, TIME_OF_DAY, type OpeningInterval, type Weekday } from '@equipole/shared';

/** ISO weekdays in order, Monday first. */
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export interface TimeRange {
  start: string;
  end: string;
}

/** The editor's model: for each weekday (index 0 = Monday) its intervals, in the order the user entered them. */
export type WeeklyHours = TimeRange[][];

export function emptyWeek(): WeeklyHours {
  return WEEKDAYS.map(() => []);
}

/** From the API's flat list to one list per weekday, each sorted by start. */
export function toWeeklyHours(openingHours: readonly OpeningInterval[]): WeeklyHours {
  const week = emptyWeek();
  for (const { weekday, start, end } of openingHours) week[weekday - 1]?.push({ start, end });
  for (const day of week) day.sort((a, b) => compareTimes(a.start, b.start));
  return week;
}

/**
 * Back to the API's flat list: Monday first, each day's intervals in the editor's order. The
 * order is what makes `indexOfInterval` point at the same row as the API's `openingHours.<n>`.
 */
export function toOpeningHours(week: WeeklyHours): OpeningInterval[] {
  return week.flatMap((day, index) => day.map(({ start, end }) => ({ weekday: (index + 1) as Weekday, start, end })));
}

/** Position in `toOpeningHours(week)` of the `position`-th interval of `weekday`. */
export function indexOfInterval(week: WeeklyHours, weekday: Weekday, position: number): number {
  return week.slice(0, weekday - 1).reduce((count, day) => count + day.length, 0) + position;
}

/** A new interval after the day's last one (one hour after it, or 08:00–12:00 on an empty day). */
export function addInterval(week: WeeklyHours, weekday: Weekday): WeeklyHours {
  const day = week[weekday - 1];
  const last = day[day.length - 1];
  let next: TimeRange = { start: '08:00', end: '12:00' };
  if (last && TIME_OF_DAY.test(last.end)) {
    const start = Math.min(minutesOfDay(last.end) + 60, 23 * 60);
    next = { start: formatMinutes(start), end: formatMinutes(Math.min(start + 4 * 60, 24 * 60)) };
  }
  return week.map((intervals, index) => (index === weekday - 1 ? [...intervals, next] : intervals));
}

export function removeInterval(week: WeeklyHours, weekday: Weekday, position: number): WeeklyHours {
  return week.map((intervals, index) => (index === weekday - 1 ? intervals.filter((_, i) => i !== position) : intervals));
}

export function updateInterval(week: WeeklyHours, weekday: Weekday, position: number, change: Partial<TimeRange>): WeeklyHours {
  return week.map((intervals, index) =>
    index === weekday - 1 ? intervals.map((interval, i) => (i === position ? { ...interval, ...change } : interval)) : intervals,
  );
}

/** Monday's intervals on every working day (Tuesday to Friday); the weekend is left as it is. */
export function copyMondayToWeekdays(week: WeeklyHours): WeeklyHours {
  return week.map((intervals, index) => (index >= 1 && index <= 4 ? week[0].map((interval) => ({ ...interval })) : intervals));
}

export function closeDay(week: WeeklyHours, weekday: Weekday): WeeklyHours {
  return week.map((intervals, index) => (index === weekday - 1 ? [] : intervals));
}

export function totalWeeklyMinutes(week: WeeklyHours): number {
  return week.flat().reduce((sum, { start, end }) => {
    if (!TIME_OF_DAY.test(start) || !TIME_OF_DAY.test(end)) return sum;
    return sum + Math.max(0, minutesOfDay(end) - minutesOfDay(start));
  }, 0);
}

export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function compareTimes(a: string, b: string): number {
  if (!TIME_OF_DAY.test(a) || !TIME_OF_DAY.test(b)) return 0;
  return minutesOfDay(a) - minutesOfDay(b);
}

/** "8" → "08:00", "8h30" / "8.30" / "8:30" → "08:30"; anything else is left for the checks to flag. */
export function normalizeTime(text: string): string {
  const match = /^\s*(\d{1,2})(?:\s*[:hH.]\s*(\d{2})?)?\s*$/.exec(text);
  if (!match) return text.trim();
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return text.trim();
  return formatMinutes(hours * 60 + minutes);
}
