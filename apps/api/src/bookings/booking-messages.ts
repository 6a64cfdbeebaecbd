import { DateTime } from 'luxon';
import { ErrorCode, type BookingViolation, type Locale } from '@equipole/shared';
import { DomainError } from '../common/domain-error';

const LUXON_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };
const AND: Record<Locale, string> = { fr: ' et ', nl: ' en ', en: ' and ' };
const CLOSED: Record<Locale, string> = { fr: 'fermé', nl: 'gesloten', en: 'closed' };
const PERIOD: Record<Locale, Record<'week' | 'month', string>> = {
  fr: { week: 'cette semaine', month: 'ce mois-ci' },
  nl: { week: 'deze week', month: 'deze maand' },
  en: { week: 'this week', month: 'this month' },
};
const STATUS: Record<Locale, Record<string, string>> = {
  fr: { maintenance: 'en maintenance', retired: 'retiré', pending: 'en attente', confirmed: 'confirmée', declined: 'refusée', cancelled: 'annulée', expired: 'expirée', completed: 'terminée', no_show: 'absence' },
  nl: { maintenance: 'in onderhoud', retired: 'uit gebruik', pending: 'in afwachting', confirmed: 'bevestigd', declined: 'geweigerd', cancelled: 'geannuleerd', expired: 'verlopen', completed: 'afgerond', no_show: 'niet opgedaagd' },
  en: { maintenance: 'under maintenance', retired: 'retired', pending: 'pending', confirmed: 'confirmed', declined: 'declined', cancelled: 'cancelled', expired: 'expired', completed: 'completed', no_show: 'no-show' },
};

export function localDateTime(instant: number | Date | string, zone: string, locale: Locale): string {
  const value = typeof instant === 'string' ? DateTime.fromISO(instant) : typeof instant === 'number' ? DateTime.fromMillis(instant) : DateTime.fromJSDate(instant);
  return value.setZone(zone).setLocale(LUXON_LOCALE[locale]).toFormat('ccc d LLL yyyy HH:mm');
}

export function localTime(instant: number | Date | string, zone: string): string {
  const value = typeof instant === 'string' ? DateTime.fromISO(instant) : typeof instant === 'number' ? DateTime.fromMillis(instant) : DateTime.fromJSDate(instant);
  return value.setZone(zone).toFormat('HH:mm');
}

export function statusLabel(status: string, locale: Locale): string {
  return STATUS[locale][status] ?? status;
}

/** A broken booking rule as an error whose message names the values in the reader's language. */
export function violationError(violation: BookingViolation): DomainError {
  switch (violation.code) {
    case ErrorCode.OutsideOpeningHours:
      return new DomainError(violation.code, {
        details: { weekday: violation.weekday, intervals: violation.intervals },
        params: (locale) => ({
          day: DateTime.fromObject({ weekday: violation.weekday as 1 }).setLocale(LUXON_LOCALE[locale]).toFormat('cccc'),
          hours: violation.intervals.length ? violation.intervals.map((i) => `${i.start}–${i.end}`).join(AND[locale]) : CLOSED[locale],
        }),
      });
    case ErrorCode.ResourceUnavailable:
      return new DomainError(violation.code, { details: { status: violation.status }, params: (locale) => ({ status: statusLabel(violation.status, locale) }) });
    case ErrorCode.LeadTimeNotMet:
      return new DomainError(violation.code, { details: { minutes: violation.minutes }, params: { hours: Math.round((violation.minutes / 60) * 10) / 10 } });
    case ErrorCode.BeyondHorizon:
      return new DomainError(violation.code, { details: { days: violation.days }, params: { days: violation.days } });
    case ErrorCode.ResourceClosed:
      return new DomainError(violation.code, { details: { reason: violation.reason }, params: { reason: violation.reason } });
    case ErrorCode.CapacityExceeded:
      return new DomainError(violation.code, { details: { capacity: violation.capacity }, params: { capacity: violation.capacity } });
    default:
      return new DomainError(violation.code, { details: { minutes: violation.minutes }, params: { minutes: violation.minutes } });
  }
}

export function slotTakenError(start: Date, end: Date, zone: string): DomainError {
  return new DomainError(ErrorCode.SlotTaken, {
    details: { start: start.toISOString(), end: end.toISOString() },
    params: (locale) => ({ start: localDateTime(start, zone, locale), end: localTime(end, zone) }),
  });
}

export function quotaError(period: 'week' | 'month', usedMinutes: number, limitMinutes: number): DomainError {
  const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
  return new DomainError(ErrorCode.QuotaExceeded, {
    details: { period, usedMinutes, limitMinutes },
    params: (locale) => ({ used: hours(usedMinutes), limit: hours(limitMinutes), period: PERIOD[locale][period] }),
  });
}
