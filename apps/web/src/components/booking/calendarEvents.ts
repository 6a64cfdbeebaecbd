import {
  checkBookingRules, ErrorCode, subtractSpans, type BookingCheck, type BookingStatus, type BookingView, type CalendarEntry, type Closure, type Locale,
  type ResourceStatus, type Span,
} from '@equipole/shared';
import type { EventInput } from '@fullcalendar/vue3';
import { pickOptional } from '@/utils/format';
import { now as businessNow } from '@/services/clock';

/**
 * Maps API answers to FullCalendar events (plain objects, no component per event). Shared by the
 * equipment panel, "my bookings" and the partner planning: colours and titles stay the same.
 */

/** Translator as returned by vue-i18n's `useI18n().t` (kept loose so the module stays pure). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Background and text colours per status; every pair has a contrast ratio above 4.5:1. */
export const STATUS_COLORS: Record<BookingStatus, { color: string; contrastColor: string }> = {
  pending: { color: '#92400e', contrastColor: '#ffffff' },
  confirmed: { color: '#166534', contrastColor: '#ffffff' },
  completed: { color: '#1e40af', contrastColor: '#ffffff' },
  no_show: { color: '#9f1239', contrastColor: '#ffffff' },
  declined: { color: '#475569', contrastColor: '#ffffff' },
  cancelled: { color: '#475569', contrastColor: '#ffffff' },
  expired: { color: '#475569', contrastColor: '#ffffff' },
};

/** Others' bookings: shown as "booked", without details. */
export const OTHERS_COLORS = { color: '#e2e8f0', contrastColor: '#1e293b' };

/** Closed time (outside opening hours, closures): a grey background. */
export const CLOSED_COLOR = '#94a3b8';

export interface BookingEventProps {
  kind: 'booking';
  bookingId: string | null;
  status: BookingStatus;
  mine: boolean;
}

/**
 * An item's calendar (GET /resources/:id/calendar): own bookings with their status, others' as "booked".
 * A week can hold hundreds of entries but only a few distinct titles: each is translated once per call.
 */
export function calendarEntryEvents(entries: CalendarEntry[], t: Translate): EventInput[] {
  const titles = new Map<string, string>();
  const titleOf = (entry: CalendarEntry): string => {
    const key = entry.mine ? `${entry.status}:${entry.purpose ?? ''}` : '';
    let title = titles.get(key);
    if (title === undefined) {
      title = entry.mine
        ? t('bookings.calendar.mineTitle', {
            status: t(`bookings.statuses.${entry.status}`),
            purpose: entry.purpose ? t(`bookings.purposes.${entry.purpose}`) : '',
          })
        : t('bookings.calendar.booked');
      titles.set(key, title);
    }
    return title;
  };
  return entries.map((entry, index) => {
    const colors = entry.mine ? STATUS_COLORS[entry.status] : OTHERS_COLORS;
    const props: BookingEventProps = { kind: 'booking', bookingId: entry.id, status: entry.status, mine: entry.mine };
    return {
      id: entry.id ?? `busy-${index}-${entry.start}`,
      title: titleOf(entry),
      start: entry.start,
      end: entry.end,
      ...colors,
      className: entry.mine ? `eq-event eq-event--mine eq-event--${entry.status}` : 'eq-event eq-event--others',
      extendedProps: props,
    };
  });
}

/**
 * Bookings as seen from the booker's or the owner's side (BookingView): the title names the
 * equipment (`title: 'resource'`) or the booking organisation (`title: 'organisation'`) and the status.
 */
export function bookingEvents(bookings: BookingView[], locale: Locale, t: Translate, options: { title?: 'resource' | 'organisation' } = {}): EventInput[] {
  return bookings.map((booking) => {
    const subject = options.title === 'organisation' ? booking.organisation.name : pickOptional(booking.resource.names, locale);
    const props: BookingEventProps = { kind: 'booking', bookingId: booking.id, status: booking.status, mine: true };
    return {
      id: booking.id,
      title: t('bookings.calendar.bookingTitle', { subject, status: t(`bookings.statuses.${booking.status}`) }),
      start: booking.start,
      end: booking.end,
      ...STATUS_COLORS[booking.status],
      className: `eq-event eq-event--${booking.status}`,
      extendedProps: props,
    };
  });
}

/** Everything in [from, to) outside the open spans, as background events (opening hours and closures together). */
export function closedBackgroundEvents(open: { start: string; end: string }[], range: Span): EventInput[] {
  const openSpans = open.map((span) => ({ start: Date.parse(span.start), end: Date.parse(span.end) }));
  return subtractSpans([range], openSpans).map((span) => ({
    id: `closed-${span.start}`,
    start: new Date(span.start).toISOString(),
    end: new Date(span.end).toISOString(),
    display: 'background',
    color: CLOSED_COLOR,
    className: 'eq-closed',
    extendedProps: { kind: 'closed' },
  }));
}

export type SelectionProblem = 'past' | 'lead' | 'horizon' | 'closed' | 'taken' | 'tooShort' | 'tooLong';

/** What the hints need of an item: its rules, closures and site zone (as `ResourceDetail` has them). */
export interface SelectionContext {
  rules: BookingCheck['rules'];
  closures: Closure[];
  zone: string;
  status: ResourceStatus;
}

/** The hint for each broken rule of `checkBookingRules`; off-grid and capacity are left to the API (the calendar snaps to the grid, the dialog asks for participants). */
const HINTS: Partial<Record<ErrorCode, SelectionProblem>> = {
  [ErrorCode.ResourceUnavailable]: 'closed',
  [ErrorCode.StartInPast]: 'past',
  [ErrorCode.LeadTimeNotMet]: 'lead',
  [ErrorCode.BeyondHorizon]: 'horizon',
  [ErrorCode.DurationTooShort]: 'tooShort',
  [ErrorCode.DurationTooLong]: 'tooLong',
  [ErrorCode.OutsideOpeningHours]: 'closed',
  [ErrorCode.ResourceClosed]: 'closed',
};

/**
 * Why a dragged range cannot be requested, checked before the dialog opens: the API's own
 * database-free checks (`checkBookingRules` of libs/shared: past, lead time, horizon, durations,
 * opening hours, closures), then the fetched availability — not wholly inside open time (the
 * item's first day, status periods), or held by another booking with its buffers.
 */
export function selectionProblem(selection: Span, item: SelectionContext, open: Span[], now = businessNow(), free?: Span[]): SelectionProblem | undefined {
  const violation = checkBookingRules({
    now, period: selection, zone: item.zone, rules: item.rules, status: item.status, capacity: Number.POSITIVE_INFINITY, participants: 0, closures: item.closures,
  });
  const hint = violation && HINTS[violation.code];
  if (hint) return hint;
  if (subtractSpans([selection], open).length > 0) return 'closed';
  if (free && subtractSpans([selection], free).length > 0) return 'taken';
  return undefined;
}

/** FullCalendar's `businessHours` from ISO-weekday opening hours (FullCalendar counts Sunday as 0). */
export function businessHours(openingHours: { weekday: number; start: string; end: string }[]): EventInput[] {
  return openingHours.map((interval) => ({ daysOfWeek: [interval.weekday % 7], startTime: interval.start, endTime: interval.end }));
}
