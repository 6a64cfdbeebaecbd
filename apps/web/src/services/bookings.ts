import type {
  AvailabilityView, BookingPurpose, BookingStatus, BookingView, MemberSummary, Page, Participants, SeriesResult,
} from '@equipole/shared';
import { buildUrl, http } from './http';

/** What a booking request says besides its time (as `BookingRequestDto` in the API). */
export interface BookingRequest {
  resourceId: string;
  organisationId: string;
  purpose: BookingPurpose;
  occupationId?: string;
  trainerId?: string;
  participants: Participants;
  notes?: string;
}

export interface SingleBookingRequest extends BookingRequest {
  /** ISO instants. */
  start: string;
  end: string;
}

export interface SeriesRequest extends BookingRequest {
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[];
  intervalWeeks: number;
  /** Local wall-clock times at the site, HH:mm. */
  startTime: string;
  endTime: string;
  /** Local days, YYYY-MM-DD, inclusive. */
  startsOn: string;
  endsOn: string;
  mode: 'all_or_nothing' | 'skip_conflicts';
}

export type BookingScope = 'mine' | 'inbox' | 'all';

export interface BookingListQuery {
  scope?: BookingScope;
  resourceId?: string;
  organisationId?: string;
  status?: BookingStatus;
  /** Words in the equipment's names, its owner, the booking organisation or the notes. */
  q?: string;
  /** ISO instants: bookings ending after `from` and starting before `to`. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** One booking on an item's public calendar: others' bookings come without id, organisation or purpose. */
export interface CalendarEntry {
  id: string | null;
  start: string;
  end: string;
  status: BookingStatus;
  /** Booked by one of the viewer's organisations. */
  mine: boolean;
  organisationName: string | null;
  purpose: BookingPurpose | null;
}

/** One line of a booking's status history (owners' managers and coordinators only). */
export interface BookingEvent {
  id: string;
  action: string;
  details: Record<string, unknown> | null;
  createdAt: string;
  actorName: string | null;
}

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'expired' | 'cancelled';

export interface WaitlistEntry {
  id: string;
  resourceId: string;
  organisationId: string;
  start: string;
  end: string;
  status: WaitlistStatus;
  bookingId: string | null;
  createdAt: string;
  /** In the list of one's own entries. */
  resourceNames?: Record<'fr' | 'nl' | 'en', string | null>;
}

export interface AttendanceRequest {
  actualStart: string;
  actualEnd: string;
  participants: Participants;
}

/** A range of at most 62 days (the API's limit for calendar and availability queries). */
export interface Range {
  from: string;
  to: string;
}

/** Every booking endpoint of the API (`/api/bookings…`, `/api/waitlist…`, an item's calendar and availability). */
/** The attendance attestation (PDF) of a completed booking, in the reader's language: a plain link, the browser downloads it. */
export function attestationUrl(bookingId: string): string {
  return buildUrl(`/bookings/${bookingId}/attestation.pdf`);
}

export const bookingsApi = {
  create: (request: SingleBookingRequest) => http.post<BookingView>('/bookings', request),
  createSeries: (request: SeriesRequest) => http.post<SeriesResult>('/bookings/series', request),
  list: (query: BookingListQuery = {}, signal?: AbortSignal) =>
    http.get<Page<BookingView>>('/bookings', { query: { scope: 'mine', ...query }, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<BookingView>(`/bookings/${encodeURIComponent(id)}`, { signal }),
  /** Allowed for coordinators and managers of the equipment's owner only: check before calling. */
  events: (id: string, signal?: AbortSignal) => http.get<BookingEvent[]>(`/bookings/${encodeURIComponent(id)}/events`, { signal }),
  approve: (id: string, reason?: string) => http.post<BookingView>(`/bookings/${encodeURIComponent(id)}/approve`, reason ? { reason } : {}),
  decline: (id: string, reason: string) => http.post<BookingView>(`/bookings/${encodeURIComponent(id)}/decline`, { reason }),
  cancel: (id: string, reason?: string) => http.post<BookingView>(`/bookings/${encodeURIComponent(id)}/cancel`, reason ? { reason } : {}),
  cancelSeries: (id: string, reason?: string) =>
    http.post<{ cancelled: number }>(`/bookings/${encodeURIComponent(id)}/cancel-series`, reason ? { reason } : {}),
  reschedule: (id: string, range: { start: string; end: string }) => http.post<BookingView>(`/bookings/${encodeURIComponent(id)}/reschedule`, range),
  recordAttendance: (id: string, attendance: AttendanceRequest) =>
    http.post<BookingView>(`/bookings/${encodeURIComponent(id)}/attendance`, attendance),
  markNoShow: (id: string) => http.post<BookingView>(`/bookings/${encodeURIComponent(id)}/no-show`, {}),

  availability: (resourceId: string, range: Range, signal?: AbortSignal) =>
    http.get<AvailabilityView>(`/resources/${encodeURIComponent(resourceId)}/availability`, { query: { ...range }, signal }),
  calendar: (resourceId: string, range: Range, signal?: AbortSignal) =>
    http.get<CalendarEntry[]>(`/resources/${encodeURIComponent(resourceId)}/calendar`, { query: { ...range }, signal }),

  joinWaitlist: (request: SingleBookingRequest) => http.post<WaitlistEntry>('/waitlist', request),
  myWaitlist: (signal?: AbortSignal) => http.get<WaitlistEntry[]>('/waitlist', { signal }),
  leaveWaitlist: (id: string) => http.delete(`/waitlist/${encodeURIComponent(id)}`),

  /** People of a booking organisation who may be named as the session's trainer (any member may list them). */
  trainerCandidates: (organisationId: string, signal?: AbortSignal) =>
    http.get<MemberSummary[]>(`/organisations/${encodeURIComponent(organisationId)}/members`, { signal }),
};

export const EMPTY_PARTICIPANTS: Readonly<Participants> = Object.freeze({ pupils: 0, apprentices: 0, jobSeekers: 0, trainers: 0, employees: 0 });

export function totalParticipants(participants: Participants | null | undefined): number {
  if (!participants) return 0;
  return participants.pupils + participants.apprentices + participants.jobSeekers + participants.trainers + participants.employees;
}
