import type { BookingView, MembershipSummary } from '@equipole/shared';
import { now as businessNow } from '@/services/clock';

export interface Viewer {
  id: string;
  isCoordinator: boolean;
  memberships: readonly Pick<MembershipSummary, 'organisationId' | 'role'>[];
}

export interface BookingActions {
  cancel: boolean;
  reschedule: boolean;
  cancelSeries: boolean;
  attendance: boolean;
  noShow: boolean;
  /** The status history (GET /bookings/:id/events): the equipment owner's managers and coordinators. */
  history: boolean;
}

/**
 * What the viewer may do with a booking, as the API decides it (so the page offers nothing that
 * would only fail): changes before the start by the booking organisation, the owner or a
 * coordinator (the cancellation cut-off is left to the API, whose message names it); attendance
 * once the session has started, by the managers of either organisation, coordinators, the booker or
 * the named trainer; no-show by the owner, half an hour after the start.
 */
export function bookingActions(
  booking: Pick<BookingView, 'status' | 'start' | 'seriesId' | 'organisation' | 'resource' | 'bookedBy' | 'trainer'>,
  viewer: Viewer,
  now = businessNow(),
): BookingActions {
  const manages = (organisationId: string) => viewer.memberships.some((m) => m.organisationId === organisationId && m.role === 'manager');
  const bookerSide = viewer.memberships.some((m) => m.organisationId === booking.organisation.id);
  const ownerManager = viewer.isCoordinator || manages(booking.resource.organisationId);
  const vouches = ownerManager || manages(booking.organisation.id) || viewer.id === booking.bookedBy?.id || viewer.id === booking.trainer?.id;
  const involved = viewer.isCoordinator || bookerSide || ownerManager;
  const start = Date.parse(booking.start);
  const holding = booking.status === 'pending' || booking.status === 'confirmed';
  const changeable = involved && holding && start > now;
  return {
    cancel: changeable,
    reschedule: changeable,
    cancelSeries: changeable && booking.seriesId !== null,
    attendance: vouches && ['confirmed', 'completed', 'no_show'].includes(booking.status) && start <= now,
    noShow: ownerManager && booking.status === 'confirmed' && start + 30 * 60_000 <= now,
    history: ownerManager,
  };
}
