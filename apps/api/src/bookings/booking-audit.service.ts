import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { BookingsRepository } from './bookings.repository';

/**
 * The bookings' audit log (`booking_events`, append-only by a trigger): one row per change, written in
 * the change's transaction. The row's id is what notifications about the change are keyed on.
 */
@Injectable()
export class BookingAudit {
  constructor(private readonly bookings: BookingsRepository) {}

  /** Appends one event; `actor` null for the scheduled jobs. */
  record(manager: EntityManager, actor: Pick<AuthUser, 'id'> | null, bookingId: string | null, action: string, details: object, seriesId: string | null = null): Promise<string> {
    return this.bookings.audit(manager, actor?.id ?? null, bookingId, action, details, seriesId);
  }
}
