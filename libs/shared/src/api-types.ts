import type { Locale } from './i18n';
import type { Region, Sector } from './domain';

/** Response shapes of the API, used by the web app's services. */

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Translated = Record<Locale, string>;

export interface OccupationSummary {
  id: string;
  code: string;
  labels: Translated;
  sector: Sector;
  escoUri: string | null;
  iscoCode: string | null;
  romeCode: string | null;
  shortage: { region: Region; inShortage: boolean; listDate: string | null; source: string | null }[];
}

export interface MembershipSummary {
  organisationId: string;
  organisationName: string;
  role: 'manager' | 'member';
}

/** The signed-in person, as `GET /api/auth/me` returns it. */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isCoordinator: boolean;
  memberships: MembershipSummary[];
}

export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface InvitationPreview {
  email: string;
  name: string;
  organisationName: string | null;
  role: 'manager' | 'member' | null;
  /** True when the person already has a password: accepting only needs signing in. */
  hasAccount: boolean;
}

export interface OrganisationSummary {
  id: string;
  kind: import('./domain').OrganisationKind;
  name: string;
  country: import('./domain').Country;
  city: string | null;
  memberCount: number;
}

export interface OrganisationDetail extends OrganisationSummary {
  address: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  registrationNumber: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  logoPath: string | null;
  clusters: { id: string; name: string }[];
  /** The caller's role in it, if any; coordinators manage every organisation. */
  myRole: 'manager' | 'member' | null;
  canManage: boolean;
}

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: 'manager' | 'member';
  /** Invited but has not chosen a password yet. */
  invitationPending: boolean;
  since: string;
}

export interface ClusterSummary {
  id: string;
  name: string;
  sector: import('./domain').Sector;
  status: import('./domain').ClusterStatus;
  startDate: string | null;
  leadOrganisation: { id: string; name: string } | null;
  memberCount: number;
  occupationCount: number;
}

export interface ClusterDetail extends ClusterSummary {
  descriptions: Record<Locale, string | null>;
  members: { id: string; name: string; kind: import('./domain').OrganisationKind; country: import('./domain').Country }[];
  occupations: { id: string; code: string; labels: Translated }[];
  coordinators: { id: string; name: string }[];
}

export interface OutboxEmail {
  id: string;
  kind: string;
  recipient: string;
  locale: Locale;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}
