import type { BookingListQuery, BookingStatus, BookingView, OrganisationSummary, Page, ResourceSearchPage } from '@equipole/shared';
import { bookingsApi } from './bookings';
import { http } from './http';

/**
 * What the partner inbox, the partner planning and the coordinators' list of all bookings need
 * besides `bookingsApi` (decisions themselves go through `bookingsApi.approve/decline`).
 */

/** A booking as `GET /bookings` lists it: with how many pending/confirmed bookings of the item overlap it. */
export type ListedBooking = BookingView & { overlapCount?: number };

/** Statuses shown on the planning: what holds or held the item. */
export const PLANNING_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed', 'completed', 'no_show'];

/** The API's largest page. */
const MAX_LIMIT = 500;

/**
 * Coordinators manage every item, but the API's "inbox" scope only covers organisations one is a
 * manager of: they read pending requests through the "all" scope instead.
 */
export function inboxScope(isCoordinator: boolean): 'inbox' | 'all' {
  return isCoordinator ? 'all' : 'inbox';
}

const list = (query: BookingListQuery, signal?: AbortSignal) => http.get<Page<ListedBooking>>('/bookings', { query: { ...query }, signal });

export const inboxApi = {
  list,

  /** Pending requests on the user's equipment, soonest session first. */
  async pending(query: { isCoordinator: boolean; resourceId?: string; limit: number; offset: number }, signal?: AbortSignal): Promise<Page<ListedBooking>> {
    const filters: BookingListQuery = { scope: inboxScope(query.isCoordinator), status: 'pending', resourceId: query.resourceId };
    if (filters.scope === 'inbox') return list({ ...filters, limit: query.limit, offset: query.offset }, signal);
    // The "all" scope lists the latest session first: read the page from the end, reversed.
    const { total } = await list({ ...filters, limit: 1, offset: 0 }, signal);
    const limit = Math.min(query.limit, total - query.offset);
    if (limit <= 0) return { items: [], total, limit: query.limit, offset: query.offset };
    const page = await list({ ...filters, limit, offset: Math.max(0, total - query.offset - limit) }, signal);
    return { ...page, items: [...page.items].reverse(), limit: query.limit, offset: query.offset };
  },

  /** Bookings of the given statuses over a range (one request per status, the API filters on one). */
  async byStatuses(
    query: { scope: 'inbox' | 'all'; statuses: readonly BookingStatus[]; from?: string; to?: string; resourceId?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<ListedBooking[]> {
    const pages = await Promise.all(
      query.statuses.map((status) =>
        list({ scope: query.scope, status, from: query.from, to: query.to, resourceId: query.resourceId, limit: query.limit ?? MAX_LIMIT, offset: 0 }, signal),
      ),
    );
    return pages.flatMap((page) => page.items);
  },

  /** Every page of a filtered list (for exports), up to `max` bookings. */
  async all(query: BookingListQuery, max = 5000, signal?: AbortSignal): Promise<{ items: ListedBooking[]; total: number }> {
    const items: ListedBooking[] = [];
    let total = 0;
    do {
      const page = await list({ ...query, limit: MAX_LIMIT, offset: items.length }, signal);
      total = page.total;
      items.push(...page.items);
      if (page.items.length === 0) break;
    } while (items.length < Math.min(total, max));
    return { items: items.slice(0, max), total };
  },

  /** An organisation's equipment, inactive items included, by name. */
  organisationResources: (organisationId: string | undefined, signal?: AbortSignal) =>
    http.get<ResourceSearchPage>('/resources', { query: { organisationId, includeInactive: true, sort: 'name', limit: 100 }, signal }),

  organisations: (signal?: AbortSignal) => http.get<Page<OrganisationSummary>>('/organisations', { query: { limit: 200 }, signal }),

  approve: bookingsApi.approve,
  decline: bookingsApi.decline,
};
