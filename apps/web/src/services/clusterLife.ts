import type {
  BeneficiaryType, GroupCounts, IndicatorSet, LearnersReport, OrganisationKind, PendingRating, RegistrationView, SatisfactionAggregate, SessionKind, SessionView,
  TranslatedOptional, UnmetReport,
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

export interface Story {
  id: string;
  title: string;
  body: string;
  photoUrl: string | null;
  photoAlt: string | null;
  partners: { id: string; name: string }[];
  publishedAt: string;
}

/** GET /api/public/clusters/:id */
export interface PublicClusterPage {
  id: string;
  name: string;
  sector: string;
  status: string;
  descriptions: TranslatedOptional;
  occupations: { id: string; code: string; labels: TranslatedOptional }[];
  partners: { id: string; name: string; country: string; kind: string }[];
  equipment: { id: string; names: TranslatedOptional; kind: string; owner: string; city: string | null; country: string }[];
  sessions: SessionView[];
  headline: {
    from: string;
    to: string;
    indicatorVersion: string;
    figures: (Pick<IndicatorSet, 'usedHours' | 'occupancyRate' | 'learnerHours' | 'partnerships' | 'crossBorderPartnerships'> & { sessionsHeld: number; sessionParticipants: number }) | null;
  };
  satisfaction: SatisfactionAggregate;
  stories: Story[];
}

/** GET /api/clusters/:id/evaluation */
export interface EvaluationReport {
  cluster: { id: string; name: string; sector: string; status: string };
  from: string;
  to: string;
  indicatorVersion: string;
  current: IndicatorSet;
  previous: IndicatorSet;
  partnershipsGained: { owner: { id: string; name: string; country: string }; booker: { id: string; name: string; country: string }; crossBorder: boolean }[];
  learners: LearnersReport['totals'];
  unmet: UnmetReport['totals'];
  satisfaction: SatisfactionAggregate;
  sessions: { held: number; participants: number };
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
};

export const satisfactionApi = {
  pending: (signal?: AbortSignal) => http.get<PendingRating[]>('/satisfaction/pending', { signal }),
  rate: (input: { subject: 'booking' | 'registration'; id: string; rater: 'booker' | 'partner'; comment?: string | null } & Partial<Record<'equipmentCondition' | 'welcome' | 'relevance' | 'preparation', number>>) =>
    http.post<void>('/satisfaction', input),
};
