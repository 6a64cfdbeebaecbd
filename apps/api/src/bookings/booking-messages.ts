import { DateTime } from 'luxon';
import { ErrorCode, type BookingViolation, type Locale } from '@equipole/shared';
import { DomainError } from '../common/domain-error';

const LUXON_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };
const AND: Record<Locale, string> = { fr: ' et ', nl: ' en ', en: ' and ' };
const OPEN_ON: Record<Locale, (day: string, hours: string) => string> = {
  fr: (day, hours) => `le ${day}, l’équipement est ouvert ${hours}`,
  nl: (day, hours) => `op ${day} is de uitrusting open ${hours}`,
  en: (day, hours) => `on ${day} the equipment is open ${hours}`,
};
const CLOSED_ON: Record<Locale, (day: string) => string> = {
  fr: (day) => `l’équipement est fermé le ${day}`,
  nl: (day) => `de uitrusting is gesloten op ${day}`,
  en: (day) => `the equipment is closed on ${day}`,
};
const HOUR: Record<Locale, string> = { fr: 'h', nl: 'u', en: 'h' };
const BUFFER: Record<Locale, string> = {
  fr: ' : le temps de préparation et de remise en état autour de cette réservation le bloque aussi',
  nl: ': de voorbereidings- en opruimtijd rond die reservatie blokkeert het ook',
  en: ': the set-up and clean-up time around that booking blocks it too',
};

/** "8 h", "1 h 30", "45 min" — as the booking panel writes durations. */
export function duration(minutes: number, locale: Locale): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} ${HOUR[locale]}` : `${Math.floor(minutes / 60)} ${HOUR[locale]} ${String(rest).padStart(2, '0')}`;
}
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
        params: (locale) => {
          const day = DateTime.fromObject({ weekday: violation.weekday as 1 }).setLocale(LUXON_LOCALE[locale]).toFormat('cccc');
          const hours = violation.intervals.map((i) => `${i.start}–${i.end}`).join(AND[locale]);
          return { opening: violation.intervals.length ? OPEN_ON[locale](day, hours) : CLOSED_ON[locale](day) };
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
    params: (locale) => ({ start: localDateTime(start, zone, locale), end: localTime(end, zone), buffer: bufferOnly ? BUFFER[locale] : '' }),
  });
}

export function quotaError(period: 'week' | 'month', usedMinutes: number, limitMinutes: number): DomainError {
  const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
  return new DomainError(ErrorCode.QuotaExceeded, {
    details: { period, usedMinutes, limitMinutes },
    params: (locale) => ({ used: hours(usedMinutes), limit: hours(limitMinutes), period: PERIOD[locale][period] }),
  });
}
