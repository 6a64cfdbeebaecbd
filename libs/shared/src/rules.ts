import type { AccessPolicy, ApprovalMode, OpeningInterval, Weekday } from './domain';

/** How one piece of equipment may be booked. Times are local to its site's IANA zone. */
export interface BookingRules {
  openingHours: OpeningInterval[];
  slotMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  /** How long before the start a request must be made. */
  leadTimeMinutes: number;
  /** How far ahead one may book. */
  horizonDays: number;
  /** Set-up before and cleaning after each session: the slot is blocked for that long too. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  approvalMode: ApprovalMode;
  /** Maximum booked minutes per booking organisation per ISO week / calendar month; null = no quota. */
  quotaWeekMinutes: number | null;
  quotaMonthMinutes: number | null;
  accessPolicy: AccessPolicy;
  /** Bookers may cancel or reschedule until this many hours before the start. */
  cancelCutoffHours: number;
}

/** The longest booking horizon an item may have (`resources.horizon_days` is checked 1–730): no booking starts later than today plus this. */
export const MAX_HORIZON_DAYS = 730;

const weekdays = (days: Weekday[], start: string, end: string): OpeningInterval[] => days.map((weekday) => ({ weekday, start, end }));

export const DEFAULT_BOOKING_RULES: BookingRules = {
  openingHours: [...weekdays([1, 2, 3, 4, 5], '08:00', '12:00'), ...weekdays([1, 2, 3, 4, 5], '13:00', '17:00')],
  slotMinutes: 30,
  minDurationMinutes: 60,
  maxDurationMinutes: 480,
  leadTimeMinutes: 24 * 60,
  horizonDays: 90,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  approvalMode: 'owner',
  quotaWeekMinutes: null,
  quotaMonthMinutes: null,
  accessPolicy: 'all',
  cancelCutoffHours: 24,
};

/** A period when equipment (or a whole site) cannot be booked: holidays, maintenance… */
export interface Closure {
  /** First and last local day (YYYY-MM-DD), inclusive. For a yearly closure only month and day count. */
  startsOn: string;
  endsOn: string;
  /** Local times of the closed window on each day; both null = the whole day. */
  startTime: string | null;
  endTime: string | null;
  yearly: boolean;
  reason: string;
}

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A rule broken by a set of booking rules or a closure: `field` as in the API's field errors. */
export interface RuleProblem {
  field: string;
  constraint: 'timeFormat' | 'openingOrder' | 'openingOverlap' | 'durationOrder' | 'closureOrder' | 'closureInPast' | 'slotMultiple';
  args?: (string | number)[];
}

/** Checks what class-validator cannot: intervals in order and not overlapping, durations consistent. */
export function validateBookingRules(rules: Pick<BookingRules, 'openingHours' | 'minDurationMinutes' | 'maxDurationMinutes' | 'slotMinutes'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  rules.openingHours.forEach((interval, index) => {
    const field = `openingHours.${index}`;
    if (!TIME_OF_DAY.test(interval.start) || !TIME_OF_DAY.test(interval.end)) {
      problems.push({ field, constraint: 'timeFormat' });
    } else if (minutesOfDay(interval.start) >= minutesOfDay(interval.end)) {
      problems.push({ field, constraint: 'openingOrder', args: [interval.start, interval.end] });
    }
  });
  const valid = rules.openingHours
    .map((interval, index) => ({ ...interval, index }))
    .filter((i) => TIME_OF_DAY.test(i.start) && TIME_OF_DAY.test(i.end) && minutesOfDay(i.start) < minutesOfDay(i.end))
    .sort((a, b) => a.weekday - b.weekday || minutesOfDay(a.start) - minutesOfDay(b.start));
  for (let i = 1; i < valid.length; i++) {
    const previous = valid[i - 1];
    const current = valid[i];
    if (previous.weekday === current.weekday && minutesOfDay(current.start) < minutesOfDay(previous.end)) {
      problems.push({ field: `openingHours.${current.index}`, constraint: 'openingOverlap', args: [`${previous.start}–${previous.end}`] });
    }
  }
  if (rules.minDurationMinutes > rules.maxDurationMinutes) {
    problems.push({ field: 'minDurationMinutes', constraint: 'durationOrder', args: [rules.maxDurationMinutes] });
  }
  for (const field of ['minDurationMinutes', 'maxDurationMinutes'] as const) {
    if (rules[field] % rules.slotMinutes !== 0) problems.push({ field, constraint: 'slotMultiple', args: [rules.slotMinutes] });
  }
  return problems;
}

export function validateClosure(closure: Pick<Closure, 'startsOn' | 'endsOn' | 'startTime' | 'endTime' | 'yearly'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!closure.yearly && closure.startsOn > closure.endsOn) problems.push({ field: 'endsOn', constraint: 'closureOrder' });
  if ((closure.startTime === null) !== (closure.endTime === null)) problems.push({ field: 'endTime', constraint: 'timeFormat' });
  if (closure.startTime && closure.endTime && minutesOfDay(closure.startTime) >= minutesOfDay(closure.endTime)) {
    problems.push({ field: 'endTime', constraint: 'openingOrder', args: [closure.startTime, closure.endTime] });
  }
  return problems;
}

/** Opening hours grouped for display: consecutive weekdays with the same intervals, e.g. Mon–Fri 08:00–12:00, 13:00–17:00. */
export function groupOpeningHours(openingHours: OpeningInterval[]): { days: Weekday[]; intervals: { start: string; end: string }[] }[] {
  const byDay = new Map<Weekday, string>();
  for (let day = 1; day <= 7; day++) {
    const intervals = openingHours
      .filter((i) => i.weekday === day)
      .sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start))
      .map((i) => `${i.start}-${i.end}`);
    if (intervals.length) byDay.set(day as Weekday, intervals.join(','));
  }
  const groups: { days: Weekday[]; key: string }[] = [];
  for (const [day, key] of byDay) {
    const last = groups[groups.length - 1];
    if (last && last.key === key && last.days[last.days.length - 1] === day - 1) last.days.push(day);
    else groups.push({ days: [day], key });
  }
  return groups.map(({ days, key }) => ({
    days,
    intervals: key.split(',').map((pair) => {
      const [start, end] = pair.split('-');
      return { start, end };
    }),
  }));
}
