import type { Locale, TranslatedOptional } from '@equipole/shared';
import { DateTime } from 'luxon';

/** Luxon/Intl locale for each interface language (Belgian French and Dutch). */
export const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/**
 * The text in the wanted language, else French, else any language that has one
 * (equipment descriptions need at least one of the three).
 */
export function pickTranslation(texts: Partial<Record<Locale, string | null>> | null | undefined, locale: Locale): string {
  if (!texts) return '';
  return texts[locale] || texts.fr || texts.nl || texts.en || '';
}

export function pickOptional(texts: TranslatedOptional | null | undefined, locale: Locale): string {
  return pickTranslation(texts, locale);
}

/** "mar. 3 mars 2026, 08:30" in the given zone (a site's zone for equipment times). */
export function formatDateTime(iso: string, locale: Locale, zone = 'Europe/Brussels'): string {
  return DateTime.fromISO(iso, { zone }).setLocale(INTL_LOCALE[locale]).toLocaleString({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatDate(iso: string, locale: Locale, zone = 'Europe/Brussels'): string {
  return DateTime.fromISO(iso, { zone }).setLocale(INTL_LOCALE[locale]).toLocaleString(DateTime.DATE_MED);
}

export function formatTime(iso: string, locale: Locale, zone = 'Europe/Brussels'): string {
  return DateTime.fromISO(iso, { zone }).setLocale(INTL_LOCALE[locale]).toLocaleString(DateTime.TIME_24_SIMPLE);
}

/** "08:30–12:00" or "lun. 3 mars, 08:30 – mar. 4 mars, 12:00" when the range spans days. */
export function formatRange(startIso: string, endIso: string, locale: Locale, zone = 'Europe/Brussels'): string {
  const start = DateTime.fromISO(startIso, { zone }).setLocale(INTL_LOCALE[locale]);
  const end = DateTime.fromISO(endIso, { zone }).setLocale(INTL_LOCALE[locale]);
  if (start.hasSame(end, 'day')) {
    return `${start.toLocaleString({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })}, ${start.toLocaleString(DateTime.TIME_24_SIMPLE)}–${end.toLocaleString(DateTime.TIME_24_SIMPLE)}`;
  }
  return `${formatDateTime(startIso, locale, zone)} – ${formatDateTime(endIso, locale, zone)}`;
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], options).format(value);
}
