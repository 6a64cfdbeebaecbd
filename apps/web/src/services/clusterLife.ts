import type {
  BeneficiaryType, EvaluationReport, GroupCounts, InterregReport, OrganisationKind, PendingRating, PublicClusterPage, RegistrationView, SessionKind, SessionView, Story,
} from '@equipole/shared';
import { http } from './http';

/** Body of POST /api/sessions (CreateSessionDto). */
export interface SessionInput {
  kind: SessionKind;
  organisationId: string;
  titleFr?: string | null;
  titleNl?: string | null;
  titleEn?: string | null;
  descriptionFr?: string | null;
  clusterId?: string;
  resourceId?: string;
  siteId?: string;
  start: string;
  end: string;
  registrationDeadline?: string;
  seats: number;
  audienceKinds: OrganisationKind[];
  audienceBeneficiaries: BeneficiaryType[];
}

export interface RegistrationInput {
  organisationId: string;
  group: GroupCounts;
  contact: { name: string; email: string; phone?: string | null };
}

export const sessionsApi = {
  list: (query: { clusterId?: string; resourceId?: string }, signal?: AbortSignal) => http.get<SessionView[]>('/sessions', { query, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<SessionView>(`/sessions/${encodeURIComponent(id)}`, { signal }),
  create: (input: SessionInput) => http.post<SessionView>('/sessions', input),
  cancel: (id: string) => http.post<SessionView>(`/sessions/${id}/cancel`),
  registrations: (id: string, signal?: AbortSignal) => http.get<RegistrationView[]>(`/sessions/${id}/registrations`, { signal }),
  register: (id: string, input: RegistrationInput) => http.post<RegistrationView>(`/sessions/${id}/registrations`, input),
  cancelRegistration: (id: string, registrationId: string) => http.delete(`/sessions/${id}/registrations/${registrationId}`),
};

export const clusterLifeApi = {
  page: (id: string, signal?: AbortSignal) => http.get<PublicClusterPage>(`/public/clusters/${encodeURIComponent(id)}`, { signal }),
  createStory: (id: string, input: { title: string; body: string; photoUrl?: string | null; photoAlt?: string | null; partnerIds: string[] }) =>
    http.post<Story>(`/clusters/${id}/stories`, input),
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
};
