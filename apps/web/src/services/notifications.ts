import type { CalendarFeedCreated, CalendarFeedStatus, EmailPreferences } from '@equipole/shared';
import { http } from './http';

/** Optional emails and secret calendar feed URLs: the signed-in person's, and an organisation's for its managers. */
export const notificationsApi = {
  preferences: (signal?: AbortSignal) => http.get<EmailPreferences>('/auth/me/notifications', { signal }),
  savePreferences: (preferences: EmailPreferences) => http.put<EmailPreferences>('/auth/me/notifications', preferences),
  myFeed: (signal?: AbortSignal) => http.get<CalendarFeedStatus>('/auth/me/calendar-feed', { signal }),
  regenerateMyFeed: () => http.post<CalendarFeedCreated>('/auth/me/calendar-feed'),
  revokeMyFeed: () => http.delete('/auth/me/calendar-feed'),
  organisationFeed: (organisationId: string, signal?: AbortSignal) =>
    http.get<CalendarFeedStatus>(`/organisations/${encodeURIComponent(organisationId)}/calendar-feed`, { signal }),
  regenerateOrganisationFeed: (organisationId: string) => http.post<CalendarFeedCreated>(`/organisations/${encodeURIComponent(organisationId)}/calendar-feed`),
  revokeOrganisationFeed: (organisationId: string) => http.delete(`/organisations/${encodeURIComponent(organisationId)}/calendar-feed`),
};
