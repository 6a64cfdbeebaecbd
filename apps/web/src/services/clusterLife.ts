import type {
  AttendanceInput, Locale, SatisfactionSummary, SessionUpdate, EvaluationReport, InterregReport, PendingRating, PublicClusterPage, RegistrationInput, RegistrationView, SessionInput, SessionView, Story,
} from '@equipole/shared';
import { http } from './http';
import { uploadFile } from './partner';

export const sessionsApi = {
  list: (query: { clusterId?: string; resourceId?: string }, signal?: AbortSignal) => http.get<SessionView[]>('/sessions', { query, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<SessionView>(`/sessions/${encodeURIComponent(id)}`, { signal }),
  create: (input: SessionInput) => http.post<SessionView>('/sessions', input),
  /** The host's changes to a published session (texts, seats, deadline, audience). */
  update: (id: string, input: SessionUpdate) => http.patch<SessionView>(`/sessions/${id}`, input),
  cancel: (id: string) => http.post<SessionView>(`/sessions/${id}/cancel`),
  /** After the start: who came in each registered group; the session is then held. */
  recordAttendance: (id: string, input: AttendanceInput) => http.put<SessionView>(`/sessions/${id}/attendance`, input),
  registrations: (id: string, signal?: AbortSignal) => http.get<RegistrationView[]>(`/sessions/${id}/registrations`, { signal }),
  register: (id: string, input: RegistrationInput) => http.post<RegistrationView>(`/sessions/${id}/registrations`, input),
  cancelRegistration: (id: string, registrationId: string) => http.delete(`/sessions/${id}/registrations/${registrationId}`),
};

export const clusterLifeApi = {
  page: (id: string, signal?: AbortSignal) => http.get<PublicClusterPage>(`/public/clusters/${encodeURIComponent(id)}`, { signal }),
  createStory: (id: string, input: { title: string; body: string; photoUrl?: string | null; photoAlt?: string | null; partnerIds: string[] }) =>
    http.post<Story>(`/clusters/${id}/stories`, input),
  /** The story's photo (JPEG, PNG or WebP, same limit as the items' photos) with its alternative text per language, replacing any earlier one. */
  uploadStoryPhoto: (id: string, storyId: string, file: File, alts: Partial<Record<Locale, string>>) =>
    uploadFile<Story>(`/clusters/${id}/stories/${storyId}/photo`, file, Object.fromEntries(
      Object.entries(alts).filter(([, text]) => text?.trim()).map(([locale, text]) => [`alt${locale[0].toUpperCase()}${locale.slice(1)}`, text!.trim()]),
    )),
  removeStoryPhoto: (id: string, storyId: string) => http.delete(`/clusters/${id}/stories/${storyId}/photo`),
  evaluation: (id: string, period: { from: string; to: string }, signal?: AbortSignal) =>
    http.get<EvaluationReport>(`/clusters/${encodeURIComponent(id)}/evaluation`, { query: period, signal }),
  /** The Interreg proxies of every cluster over local days [from, to] (coordinators). */
  interreg: (period: { from: string; to: string }, signal?: AbortSignal) => http.get<InterregReport>('/interreg', { query: period, signal }),
  /** The same as CSV, in the coordinator's language. */
  interregCsv: (period: { from: string; to: string }) => http.get<string>('/interreg.csv', { query: period, headers: { Accept: 'text/csv' } }),
};

export const satisfactionApi = {
  pending: (signal?: AbortSignal) => http.get<PendingRating[]>('/satisfaction/pending', { signal }),
  rate: (input: { subject: 'booking' | 'registration'; id: string; rater: 'booker' | 'partner'; comment?: string | null } & Partial<Record<'equipmentCondition' | 'welcome' | 'relevance' | 'preparation', number>>) =>
    http.post<void>('/satisfaction', input),
  /** Averages and counts per cluster, partner and item (hidden below 3 answers): managers and coordinators. */
  summary: (signal?: AbortSignal) => http.get<SatisfactionSummary>('/satisfaction/summary', { signal }),
};
