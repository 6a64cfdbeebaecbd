import type { ClosureInput, ClosureView, Locale } from '@equipole/shared';
import { DateTime } from 'luxon';

import { INTL_LOCALE } from '@/utils/format';
import { normalizeTime } from './openingHours';

/** The add-a-closure form: whole days unless `partOfDay`. */
export interface ClosureDraft {
  startsOn: string;
  endsOn: string;
  partOfDay: boolean;
  startTime: string;
  endTime: string;
  yearly: boolean;
  reason: string;
}

export function emptyClosureDraft(): ClosureDraft {
  return { startsOn: '', endsOn: '', partOfDay: false, startTime: '', endTime: '', yearly: false, reason: '' };
}

/** The API's `CreateClosureDto` from the form (a one-day closure may leave the end empty). */
export function closureInput(draft: ClosureDraft): Required<Omit<ClosureInput, 'affectedBookings' | 'recordPast'>> {
  return {
    startsOn: draft.startsOn,
    endsOn: draft.endsOn || draft.startsOn,
    startTime: draft.partOfDay ? normalizeTime(draft.startTime) || null : null,
    endTime: draft.partOfDay ? normalizeTime(draft.endTime) || null : null,
    yearly: draft.yearly,
    reason: draft.reason.trim(),
  };
}

/** "3 mars 2026 – 7 mars 2026", "25 déc." every year, with "10:00–14:00" for part of a day. */
export function describeClosure(closure: Pick<ClosureView, 'startsOn' | 'endsOn' | 'startTime' | 'endTime' | 'yearly'>, locale: Locale): string {
  const format = (iso: string) => {
    const day = DateTime.fromISO(iso).setLocale(INTL_LOCALE[locale]);
    return closure.yearly ? day.toLocaleString({ day: 'numeric', month: 'long' }) : day.toLocaleString(DateTime.DATE_MED);
  };
  const days = closure.startsOn === closure.endsOn ? format(closure.startsOn) : `${format(closure.startsOn)} – ${format(closure.endsOn)}`;
  return closure.startTime && closure.endTime ? `${days}, ${closure.startTime}–${closure.endTime}` : days;
}

/** Yearly closures first (by month and day), then one-off ones by date, as a calendar reads. */
export function sortClosures<T extends Pick<ClosureView, 'startsOn' | 'yearly'>>(closures: readonly T[]): T[] {
  const key = (closure: T) => (closure.yearly ? `0000-${closure.startsOn.slice(5)}` : closure.startsOn);
  return [...closures].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
