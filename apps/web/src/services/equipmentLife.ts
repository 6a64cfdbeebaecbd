import type {
  AffectedBookingsResolution, BookingAlternatives, BookingView, BreakdownCategory, BreakdownReportView, CheckInView, DowntimeRow,
  Participants, SiteDisplayView,
} from '@equipole/shared';
import { buildUrl, http } from './http';
import { uploadFile } from './partner';

export interface SiteDisplayLink {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
  url?: string;
}

/** Equipment life (issue 20): check-in at the machine, breakdowns, door displays, labels, alternatives. */
export const equipmentLifeApi = {
  checkInView: (resourceId: string, signal?: AbortSignal) => http.get<CheckInView>(`/resources/${resourceId}/check-in`, { signal }),
  checkIn: (bookingId: string, participants: Participants) => http.post<BookingView>(`/bookings/${bookingId}/check-in`, { participants }),
  checkOut: (bookingId: string) => http.post<BookingView>(`/bookings/${bookingId}/check-out`),
  alternatives: (bookingId: string, signal?: AbortSignal) => http.get<BookingAlternatives>(`/bookings/${bookingId}/alternatives`, { signal }),
  reportBreakdown: (resourceId: string, input: { category: BreakdownCategory; description: string; unusable: boolean; affectedBookings?: AffectedBookingsResolution }) =>
    http.post<BreakdownReportView>(`/resources/${resourceId}/breakdowns`, input),
  breakdowns: (query: { status?: string; resourceId?: string }, signal?: AbortSignal) => http.get<BreakdownReportView[]>('/breakdowns', { query, signal }),
  acknowledge: (id: string, affectedBookings?: AffectedBookingsResolution) => http.post<BreakdownReportView>(`/breakdowns/${id}/acknowledge`, { affectedBookings }),
  /** An optional photo of the problem (JPEG, PNG or WebP, same limit as the items' photos). */
  addBreakdownPhoto: (id: string, file: File) => uploadFile<BreakdownReportView>(`/breakdowns/${id}/photo`, file),
  resolve: (id: string, note: string) => http.post<BreakdownReportView>(`/breakdowns/${id}/resolve`, { note }),
  downtime: (query: { from: string; to: string; organisationId?: string }, signal?: AbortSignal) => http.get<DowntimeRow[]>('/indicators/downtime', { query, signal }),
  display: (token: string, signal?: AbortSignal) => http.get<SiteDisplayView>(`/displays/${encodeURIComponent(token)}`, { signal }),
  displayLink: (siteId: string) => http.get<SiteDisplayLink>(`/sites/${siteId}/display`),
  createDisplayLink: (siteId: string) => http.post<SiteDisplayLink>(`/sites/${siteId}/display`),
  revokeDisplayLink: (siteId: string) => http.delete(`/sites/${siteId}/display`),
  labelUrl: (resourceId: string) => buildUrl(`/resources/${resourceId}/label.pdf`),
  labelSheetUrl: (organisationId: string, siteId?: string) => buildUrl(`/organisations/${organisationId}/labels.pdf`, { siteId }),
};
