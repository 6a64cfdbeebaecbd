import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type BookingView, type Page } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { type AuthUser, canManage, organisationIds, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { searchWords } from '../resources/resource-search.service';
import { BookingsRepository, type BookingEventRow } from './bookings.repository';
import { ListBookingsQuery } from './dto/lifecycle.dto';

/** Who may see a booking: coordinators, and members of the booking organisation or of the item's owner. */
export function canSeeBooking(user: AuthUser, bookingOrganisationId: string, ownerId: string): boolean {
  return user.isCoordinator || Boolean(roleIn(user, bookingOrganisationId)) || Boolean(roleIn(user, ownerId));
}

/** Bookings as people read them: one booking, the paged lists (mine, the inbox, all) and a booking's audit log. */
@Injectable()
export class BookingViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
  ) {}

  async get(user: AuthUser, id: string): Promise<BookingView> {
    const found = await this.bookings.findView(this.dataSource.manager, id);
    if (!found || !canSeeBooking(user, found.view.organisation.id, found.ownerId)) throw new DomainError(ErrorCode.NotFound);
    return found.view;
  }

  async list(user: AuthUser, query: ListBookingsQuery): Promise<Page<BookingView>> {
    if (query.scope === 'all' && !user.isCoordinator) throw new DomainError(ErrorCode.CoordinatorOnly);
    const scope =
      query.scope === 'all' ? {}
      : query.scope === 'inbox' ? { ownerIds: user.isCoordinator ? [] : organisationIds(user, 'manager'), pendingOnly: !query.status }
      : { organisationIds: organisationIds(user) };
    const { items, total } = await this.bookings.listViews(this.dataSource.manager, {
      ...scope,
      resourceId: query.resourceId,
      organisationId: query.organisationId,
      status: query.status,
      words: searchWords(query.q ?? ''),
      from: query.from,
      to: query.to,
      sort: query.sort ?? (query.scope === 'inbox' ? 'start' : '-start'),
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** The audit log of a booking, for the item's managers and coordinators. */
  async events(user: AuthUser, id: string): Promise<BookingEventRow[]> {
    const booking = await this.get(user, id);
    if (!user.isCoordinator && !canManage(user, booking.resource.organisationId)) throw new DomainError(ErrorCode.NotFound);
    return this.bookings.events(this.dataSource.manager, id);
  }
}
