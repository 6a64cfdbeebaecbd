import { minutesOfDay, type BookingRules, type Locale, type Weekday } from '@equipole/shared';
import { INTL_LOCALE } from '@/utils/format';

/** vue-i18n's `t` as these helpers use it (named values, optional plural choice). */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string;

export interface DayHours {
  weekday: Weekday;
  /** "Mardi : 8:00–12:00 et 13:00–17:00" or "Dimanche : fermé". */
  text: string;
  closed: boolean;
}

export type RuleId = 'slot' | 'duration' | 'leadTime' | 'horizon' | 'buffers' | 'approval' | 'quota' | 'access' | 'cancel';

export interface RuleLine {
  id: RuleId;
  label: string;
  text: string;
}

export interface RulesDescription {
  /** Monday to Sunday, closed days included. */
  openingHours: DayHours[];
  lines: RuleLine[];
}

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** "8:00", "13:30", "24:00": hours without a leading zero, as people write them. */
export function formatClock(time: string): string {
  const minutes = minutesOfDay(time);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "30 min", "2 h", "1 h 30", "3 jours": whole days when it is a number of days, else hours and minutes. */
export function formatDuration(minutes: number, t: Translate, { days = true } = {}): string {
  if (days && minutes >= 1440 && minutes % 1440 === 0) return t('catalogue.duration.days', { n: minutes / 1440 }, minutes / 1440);
  if (minutes < 60) return t('catalogue.duration.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('catalogue.duration.hours', { n: hours }) : t('catalogue.duration.hoursMinutes', { h: hours, m: String(rest).padStart(2, '0') });
}

/** "a, b et c" in the interface language. */
function joinList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type: 'conjunction' }).format(items);
}

/** The weekly opening hours, one sentence per day of the week. */
export function describeOpeningHours(openingHours: BookingRules['openingHours'], locale: Locale, t: Translate): DayHours[] {
  return WEEKDAYS.map((weekday) => {
    const intervals = openingHours
      .filter((interval) => interval.weekday === weekday)
      .sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start))
      .map((interval) => `${formatClock(interval.start)}–${formatClock(interval.end)}`);
    const day = t(`catalogue.weekdays.${weekday}`);
    const hours = intervals.length ? joinList(intervals, locale) : t('catalogue.rules.closed');
    return { weekday, closed: intervals.length === 0, text: t('catalogue.rules.dayHours', { day, hours }) };
  });
}

/** A resource's booking rules in plain words, for anyone deciding whether it suits a group. */
export function describeRules(rules: BookingRules, locale: Locale, t: Translate): RulesDescription {
  const duration = (minutes: number) => formatDuration(minutes, t);
  const line = (id: RuleId, text: string): RuleLine => ({ id, label: t(`catalogue.rules.labels.${id}`), text });

  const lines: RuleLine[] = [
    line('slot', t('catalogue.rules.slot', { duration: duration(rules.slotMinutes) })),
    line(
      'duration',
      rules.minDurationMinutes === rules.maxDurationMinutes
        ? t('catalogue.rules.durationExact', { duration: duration(rules.minDurationMinutes) })
        : t('catalogue.rules.duration', { min: duration(rules.minDurationMinutes), max: duration(rules.maxDurationMinutes) }),
    ),
    line(
      'leadTime',
      rules.leadTimeMinutes > 0 ? t('catalogue.rules.leadTime', { duration: duration(rules.leadTimeMinutes) }) : t('catalogue.rules.leadTimeNone'),
    ),
    line('horizon', t('catalogue.rules.horizon', { n: rules.horizonDays }, rules.horizonDays)),
    line('buffers', describeBuffers(rules, duration, t)),
    line('approval', t(`catalogue.rules.approval.${rules.approvalMode}`)),
    line('quota', describeQuota(rules, t)),
    line('access', t(`catalogue.rules.access.${rules.accessPolicy}`)),
    line(
      'cancel',
      rules.cancelCutoffHours > 0
        ? t('catalogue.rules.cancel', { duration: duration(rules.cancelCutoffHours * 60) })
        : t('catalogue.rules.cancelNone'),
    ),
  ];
  return { openingHours: describeOpeningHours(rules.openingHours, locale, t), lines };
}

function describeBuffers(rules: BookingRules, duration: (minutes: number) => string, t: Translate): string {
  const before = rules.bufferBeforeMinutes > 0 ? duration(rules.bufferBeforeMinutes) : null;
  const after = rules.bufferAfterMinutes > 0 ? duration(rules.bufferAfterMinutes) : null;
  if (before && after) return t('catalogue.rules.buffersBoth', { before, after });
  if (before) return t('catalogue.rules.buffersBefore', { before });
  if (after) return t('catalogue.rules.buffersAfter', { after });
  return t('catalogue.rules.buffersNone');
}

function describeQuota(rules: BookingRules, t: Translate): string {
  // Quotas are amounts of time, never "3 days" of booking: always hours and minutes.
  const amount = (minutes: number) => formatDuration(minutes, t, { days: false });
  const week = rules.quotaWeekMinutes ? amount(rules.quotaWeekMinutes) : null;
  const month = rules.quotaMonthMinutes ? amount(rules.quotaMonthMinutes) : null;
  if (week && month) return t('catalogue.rules.quotaBoth', { week, month });
  if (week) return t('catalogue.rules.quotaWeek', { week });
  if (month) return t('catalogue.rules.quotaMonth', { month });
  return t('catalogue.rules.quotaNone');
}
