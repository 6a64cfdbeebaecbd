import type {
  ItemQuestion, AttendanceRequest, AvailabilityView, BookingEvent, BookingListQuery, BookingView, CalendarEntry, MemberSummary, Page, Participants, Range, SeriesRequest,
  SeriesResult, SingleBookingRequest, WaitlistEntry,
} from '@equipole/shared';
import { buildUrl, http } from './http';

/** The attendance attestation (PDF) of a completed booking, in the reader's language: a plain link, the browser downloads it. */
export function attestationUrl(bookingId: string): string {
  return buildUrl(`/bookings/${bookingId}/attestation.pdf`);
}

/** Every booking endpoint of the API (`/api/bookings…`, `/api/waitlist…`, an item's calendar and availability). */
export const bookingsApi = {
  /** The item's own questions, which a request answers. */
  questions: (resourceId: string, signal?: AbortSignal) => http.get<ItemQuestion[]>(`/resources/${encodeURIComponent(resourceId)}/questions`, { signal }),
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
  /** The participants' names printed on the attestation of a completed booking (an empty list deletes them). */
  setParticipantNames: (id: string, names: string[]) =>
    http.put<{ participantNames: string[] | null }>(`/bookings/${encodeURIComponent(id)}/participant-names`, { names }),
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
