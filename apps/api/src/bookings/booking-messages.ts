import { DateTime } from 'luxon';
import { ErrorCode, serverMessage, translate, type BookingViolation, type Locale } from '@equipole/shared';
import { DomainError } from '../common/domain-error';

const LUXON_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** "8 h", "1 h 30", "45 min" — as the booking panel writes durations. */
export function duration(minutes: number, locale: Locale): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0
    ? translate(locale, 'booking.hours', { hours: minutes / 60 })
    : translate(locale, 'booking.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(rest).padStart(2, '0') });
}

export function localDateTime(instant: number | Date | string, zone: string, locale: Locale): string {
  const value = typeof instant === 'string' ? DateTime.fromISO(instant) : typeof instant === 'number' ? DateTime.fromMillis(instant) : DateTime.fromJSDate(instant);
  return value.setZone(zone).setLocale(LUXON_LOCALE[locale]).toFormat('ccc d LLL yyyy HH:mm');
}

export function localTime(instant: number | Date | string, zone: string): string {
  const value = typeof instant === 'string' ? DateTime.fromISO(instant) : typeof instant === 'number' ? DateTime.fromMillis(instant) : DateTime.fromJSDate(instant);
  return value.setZone(zone).toFormat('HH:mm');
}

export function statusLabel(status: string, locale: Locale): string {
  return serverMessage(locale, `booking.status.${status}`) ?? status;
}

/** A broken booking rule as an error whose message names the values in the reader's language. */
export function violationError(violation: BookingViolation): DomainError {
  switch (violation.code) {
    case ErrorCode.OutsideOpeningHours:
      return new DomainError(violation.code, {
        details: { weekday: violation.weekday, intervals: violation.intervals },
        params: (locale) => {
          const day = DateTime.fromObject({ weekday: violation.weekday as 1 }).setLocale(LUXON_LOCALE[locale]).toFormat('cccc');
          const hours = violation.intervals.map((i) => `${i.start}–${i.end}`).join(translate(locale, 'booking.and'));
          return { opening: translate(locale, violation.intervals.length ? 'booking.openOn' : 'booking.closedOn', { day, hours }) };
        },
      });
    case ErrorCode.ResourceUnavailable:
      return new DomainError(violation.code, { details: { status: violation.status }, params: (locale) => ({ status: statusLabel(violation.status, locale) }) });
    case ErrorCode.StartInPast:
      return new DomainError(violation.code);
    case ErrorCode.LeadTimeNotMet:
      return new DomainError(violation.code, { details: { minutes: violation.minutes }, params: { hours: Math.round((violation.minutes / 60) * 10) / 10 } });
    case ErrorCode.BeyondHorizon:
      return new DomainError(violation.code, { details: { days: violation.days }, params: { days: violation.days } });
    case ErrorCode.ResourceClosed:
      return new DomainError(violation.code, { details: { reason: violation.reason }, params: { reason: violation.reason } });
    case ErrorCode.CapacityExceeded:
      return new DomainError(violation.code, { details: { capacity: violation.capacity }, params: { capacity: violation.capacity } });
    case ErrorCode.OffSlotGrid:
      return new DomainError(violation.code, { details: { minutes: violation.minutes }, params: { minutes: violation.minutes } });
    default:
      return new DomainError(violation.code, { details: { minutes: violation.minutes }, params: (locale) => ({ duration: duration(violation.minutes, locale) }) });
  }
}

/**
 * The booking in the way; `requested`, when given, tells whether only the other's set-up or clean-up
 * time is in the way (the periods themselves do not overlap), which the message then says.
 */
export function slotTakenError(start: Date, end: Date, zone: string, requested?: { start: number; end: number }): DomainError {
  const bufferOnly = requested !== undefined && (requested.end <= new Date(start).getTime() || requested.start >= new Date(end).getTime());
  return new DomainError(ErrorCode.SlotTaken, {
    details: { start: new Date(start).toISOString(), end: new Date(end).toISOString(), buffer: bufferOnly },
    params: (locale) => ({ start: localDateTime(start, zone, locale), end: localTime(end, zone), buffer: bufferOnly ? translate(locale, 'booking.buffer') : '' }),
  });
}

export function quotaError(period: 'week' | 'month', usedMinutes: number, limitMinutes: number): DomainError {
  const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
  return new DomainError(ErrorCode.QuotaExceeded, {
    details: { period, usedMinutes, limitMinutes },
    params: (locale) => ({ used: hours(usedMinutes), limit: hours(limitMinutes), period: translate(locale, `booking.period.${period}`) }),
  });
}
