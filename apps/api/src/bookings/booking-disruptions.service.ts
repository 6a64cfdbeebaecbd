import { Injectable } from '@nestjs/common';
import {
  ErrorCode, type AffectedBooking, type AffectedBookingAction, type AffectedBookingsOutcome, type AffectedBookingsResolution, type Closure,
  type OpeningInterval, type Span,
} from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { BookingAudit } from './booking-audit.service';
import { BookingsRepository } from './bookings.repository';

/** A booking that a change might strand, with what is needed to decide whether it does. */
export interface DisruptionCandidate extends AffectedBooking {
  zone: string;
  openingHours: OpeningInterval[];
  closures: Closure[];
}

/** What caused the change, kept in the audit log of each booking it cancelled or kept. */
export type DisruptionCause = 'closure' | 'opening_hours' | 'maintenance' | 'retired' | 'breakdown';

export function periodOf(booking: { start: string; end: string }): Span {
  return { start: Date.parse(booking.start), end: Date.parse(booking.end) };
}

/**
 * Closures, maintenance and new opening hours never strand a booking silently: the change's
 * transaction lists the pending and confirmed bookings it hits (under the items' row locks, which the
 * booking engine takes too) and refuses with 409 BOOKINGS_AFFECTED unless the caller chose, for each,
 * to cancel it (the booker is told in their language, with the calendar CANCEL) or to keep it.
 */
@Injectable()
export class BookingDisruptions {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly audit: BookingAudit,
    private readonly notifications: BookingNotifications,
  ) {}

  /** Locks the items and returns their pending and confirmed bookings that have not ended by `now`. */
  async candidates(manager: EntityManager, resourceIds: string[], now: Date): Promise<DisruptionCandidate[]> {
    if (resourceIds.length === 0) return [];
    await this.bookings.lockItems(manager, resourceIds);
    return this.bookings.disruptionCandidates<DisruptionCandidate>(manager, resourceIds, now);
  }

  /** The bookings `candidates` would return, as listed to a person (no lock: for reading only). */
  async listed(manager: EntityManager, resourceIds: string[], now: Date): Promise<(AffectedBooking & { zone: string })[]> {
    if (resourceIds.length === 0) return [];
    const rows = await this.bookings.disruptionCandidates<DisruptionCandidate>(manager, resourceIds, now);
    return rows.map(({ id, resourceId, resourceNames, organisationName, start, end, status, zone }) => ({ id, resourceId, resourceNames, organisationName, start, end, status, zone }));
  }

  /**
   * Applies the caller's choice to every affected booking, or refuses the whole change. `defaultReason`
   * (a closure's reason) stands in for a cancellation reason the caller did not give.
   */
  async resolve(
    manager: EntityManager,
    user: AuthUser,
    affected: AffectedBooking[],
    resolution: AffectedBookingsResolution | undefined,
    cause: DisruptionCause,
    defaultReason?: string,
  ): Promise<AffectedBookingsOutcome> {
    const outcome: AffectedBookingsOutcome = { cancelled: [], kept: [] };
    if (affected.length === 0) return outcome;
    const chosen = new Map((resolution?.choices ?? []).map((choice) => [choice.bookingId, choice]));
    const decisions = affected.map((booking) => {
      const choice = chosen.get(booking.id);
      const action: AffectedBookingAction | undefined = choice?.action ?? resolution?.all;
      return { booking, action, reason: choice?.reason ?? resolution?.reason ?? defaultReason };
    });
    if (decisions.some((d) => !d.action)) {
      const bookings = affected.map(({ id, resourceId, resourceNames, organisationName, start, end, status }) => ({ id, resourceId, resourceNames, organisationName, start, end, status }));
      throw new DomainError(ErrorCode.BookingsAffected, { details: { bookings }, params: { count: affected.length } });
    }
    if (decisions.some((d) => d.action === 'cancel' && !d.reason)) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'affectedBookings.reason', constraint: 'isNotEmpty', args: [] }] });
    }
    for (const { booking, action, reason } of decisions) {
      if (action === 'keep') {
        await this.audit.record(manager, user, booking.id, 'kept_as_exception', { cause });
        outcome.kept.push(booking.id);
        continue;
      }
      await this.bookings.cancel(manager, booking.id, reason ?? null, user.id);
      const eventId = await this.audit.record(manager, user, booking.id, 'cancelled', { reason, cause });
      await this.notifications.cancelled(manager, booking.id, eventId, user.id, booking.status);
      outcome.cancelled.push(booking.id);
    }
    return outcome;
  }
}
