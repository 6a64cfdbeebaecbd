import type { BookingView, Locale } from '@equipole/shared';
import { DateTime } from 'luxon';
import { BOOKING_CSV_COLUMNS, toCsv } from '@/components/inbox/csv';
import { participantGroups } from '@/components/inbox/participants';
import { pickOptional, pickTranslation } from '@/utils/format';
import { answersCell } from './questionAnswers';

type Translate = (key: string) => string;

/** Bookings as CSV in the reader's language, local times at each item's site. */
export function bookingsCsv(items: readonly BookingView[], t: Translate, lang: Locale): string {
  const header = BOOKING_CSV_COLUMNS.map((key) => t(`inbox.csv.${key}`));
  const rows = items.map((b) => {
    const zone = b.resource.timeZone;
    return [
      b.id,
      pickOptional(b.resource.names, lang),
      b.resource.organisationName,
      b.organisation.name,
      b.bookedBy?.name ?? '',
      DateTime.fromISO(b.start, { zone }).toFormat('yyyy-MM-dd HH:mm'),
      DateTime.fromISO(b.end, { zone }).toFormat('yyyy-MM-dd HH:mm'),
      zone,
      t(`bookings.statuses.${b.status}`),
      t(`bookings.purposes.${b.purpose}`),
      b.occupation ? pickTranslation(b.occupation.labels, lang) : '',
      participantGroups(b.expected).total,
      b.seriesId ?? '',
      b.statusReason ?? '',
      answersCell(b.answers, t, lang),
    ];
  });
  return toCsv(header, rows);
}
