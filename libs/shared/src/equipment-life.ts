import type { BookingStatus, OpeningInterval, Weekday } from './domain';
import type { TranslatedOptional } from './api-types';
import { openSpans, subtractSpans, type Span } from './availability';
import type { Closure } from './rules';

/**
 * Equipment life (issue 20): closures, maintenance and opening-hour changes that hit bookings,
 * breakdown reports, check-in at the machine and the site's door display.
 */

/** What a partner decides for a booking that a closure, maintenance or new opening hours would strand. */
export const AFFECTED_BOOKING_ACTIONS = ['cancel', 'keep'] as const;
export type AffectedBookingAction = (typeof AFFECTED_BOOKING_ACTIONS)[number];

export interface AffectedBookingChoice {
  bookingId: string;
  action: AffectedBookingAction;
  /** Sent to the booker with the cancellation; falls back to the resolution's reason. */
  reason?: string;
}

/** Sent with a change that hits bookings: one choice for all (`all`), or one per booking (`choices`, which win over `all`). */
export interface AffectedBookingsResolution {
  all?: AffectedBookingAction;
  reason?: string;
  choices?: AffectedBookingChoice[];
}

/** A booking the change would strand: listed in the 409 `details.bookings` and in the preview. */
export interface AffectedBooking {
  id: string;
  resourceId: string;
  resourceNames: TranslatedOptional;
  organisationName: string;
  start: string;
  end: string;
  status: Extract<BookingStatus, 'pending' | 'confirmed'>;
}

/** What the change did to the bookings it hit. */
export interface AffectedBookingsOutcome {
  cancelled: string[];
  kept: string[];
}

export const BREAKDOWN_CATEGORIES = ['mechanical', 'electrical', 'safety', 'software', 'consumables', 'other'] as const;
export type BreakdownCategory = (typeof BREAKDOWN_CATEGORIES)[number];
export type BreakdownStatus = 'open' | 'acknowledged' | 'resolved';

export interface BreakdownReportView {
  id: string;
  resource: { id: string; names: TranslatedOptional; organisationId: string };
  category: BreakdownCategory;
  description: string;
  unusable: boolean;
  status: BreakdownStatus;
  photoUrl: string | null;
  reportedBy: { id: string; name: string } | null;
  reportedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
  /**
   * An open "unusable" report made by someone who does not manage the item: the bookings the item
   * still holds, waiting for its managers to cancel or keep them when they acknowledge (managers see
   * them; empty otherwise).
   */
  awaitingDecision: AffectedBooking[];
}

/** Per item over a range: hours the item was unusable (open "unusable" reports) and the mean time to repair. */
export interface DowntimeRow {
  resourceId: string;
  resourceNames: TranslatedOptional;
  organisationId: string;
  organisationName: string;
  reports: number;
  unusableReports: number;
  downtimeHours: number;
  /** Mean hours from report to resolution of the "unusable" reports resolved in the range; null when none was. */
  mttrHours: number | null;
}

/** What the QR page offers the signed-in person at the machine. */
export interface CheckInView {
  resource: { id: string; names: TranslatedOptional; organisationName: string; timeZone: string; checkinMarginMinutes: number };
  /** The viewer's booking (or one they may vouch for) now or within the margin; null when none. */
  booking: {
    id: string;
    organisationName: string;
    start: string;
    end: string;
    checkedInAt: string | null;
    checkedOutAt: string | null;
    expected: import('./api-types').Participants;
  } | null;
  /** The next booking of the viewer on this item, when none is open for check-in now. */
  next: { id: string; start: string; end: string } | null;
}

/** The door display of a site: today's and tomorrow's bookings, organisation names only. */
export interface SiteDisplayView {
  site: { name: string; timeZone: string };
  generatedAt: string;
  days: { date: string; bookings: { resourceNames: TranslatedOptional; organisationName: string; start: string; end: string; status: BookingStatus; checkedIn: boolean }[] }[];
}

/** Alternatives offered to a booker whose booking was cancelled. */
export interface BookingAlternatives {
  /** Equivalent items (same occupation or kind) free over the same period, nearest to the booker's organisation first. */
  items: { resourceId: string; names: TranslatedOptional; organisationName: string; siteName: string; distanceKm: number | null; start: string; end: string }[];
  /** The next free periods of the same length on the same item. */
  slots: { start: string; end: string }[];
}

const ALL_WEEK: OpeningInterval[] = ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

/** The time a closure shuts within `period`, in the site's zone (whatever the opening hours). */
export function closedByClosure(closure: Closure, zone: string, period: Span): Span[] {
  return subtractSpans(openSpans(ALL_WEEK, [], zone, period.start, period.end), openSpans(ALL_WEEK, [closure], zone, period.start, period.end));
}

/** The open time within `period` that new opening hours take away (closures applying either way). */
export function openTimeRemoved(before: OpeningInterval[], after: OpeningInterval[], closures: Closure[], zone: string, period: Span): Span[] {
  return subtractSpans(openSpans(before, closures, zone, period.start, period.end), openSpans(after, closures, zone, period.start, period.end));
}
