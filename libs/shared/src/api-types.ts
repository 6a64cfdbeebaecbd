import type { Locale } from './i18n';
import type { Region, Sector } from './domain';
import type { Closure } from './rules';

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

/** `GET /api/outbox`: a page of emails, and whether an SMTP server sends them (else they stay here, unsent). */
export interface OutboxPage extends Page<OutboxEmail> {
  smtpConfigured: boolean;
}

export type TranslatedOptional = Record<Locale, string | null>;

export interface SiteSummary {
  id: string;
  organisationId: string;
  name: string;
  address: string | null;
  postcode: string | null;
  city: string | null;
  country: import('./domain').Country;
  region: import('./domain').Region;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
}

export interface ClosureView extends Closure {
  id: string;
  /** 'site' closures apply to every item of the site. */
  scope: 'resource' | 'site';
}

export interface CredentialSummary {
  id: string;
  organisationId: string;
  names: TranslatedOptional;
  description: string | null;
}

export interface CredentialGrantView {
  id: string;
  userId: string;
  userName: string;
  userEmail: string;
  grantedAt: string;
  expiresOn: string;
  revokedAt: string | null;
  note: string | null;
}

export type ResourceRules = import('./rules').BookingRules & { allowedOrganisationIds: string[] };

export interface ResourceLink {
  kind: 'manual' | 'safety_sheet' | 'video' | 'other';
  label: string;
  url: string;
}

export interface ResourceDetail {
  id: string;
  organisation: { id: string; name: string; country: import('./domain').Country };
  site: SiteSummary;
  kind: import('./domain').ResourceKind;
  names: TranslatedOptional;
  descriptions: TranslatedOptional;
  capacity: number;
  sector: import('./domain').Sector | null;
  status: import('./domain').ResourceStatus;
  withOperator: boolean;
  costModel: import('./domain').CostModel;
  hourlyRate: number | null;
  costNote: string | null;
  skills: string[];
  occupations: { id: string; code: string; labels: Translated }[];
  clusters: { id: string; name: string }[];
  requiredCredential: CredentialSummary | null;
  photos: { id: string; url: string; altText: string | null }[];
  links: ResourceLink[];
  rules: ResourceRules;
  closures: ClosureView[];
  /** The item's first day on the platform (local date of its site): no open time before it. */
  availableFrom: string;
  /** Its statuses over time, oldest first; `from` null: since always, `to` null: still in force. */
  statusHistory: ResourceStatusPeriod[];
  canManage: boolean;
  /** Minutes before a booking's start its holder may check in at the machine. */
  checkinMarginMinutes?: number;
  /** Minutes after a booking's start without check-in before it is released as a no-show; null = never. */
  autoReleaseMinutes?: number | null;
}

export interface ResourceStatusPeriod {
  status: import('./domain').ResourceStatus;
  from: string | null;
  to: string | null;
}

export interface ResourceCard {
  id: string;
  names: TranslatedOptional;
  kind: import('./domain').ResourceKind;
  status: import('./domain').ResourceStatus;
  capacity: number;
  sector: import('./domain').Sector | null;
  organisation: { id: string; name: string };
  site: { id: string; name: string; city: string | null; country: import('./domain').Country; timeZone: string };
  photoUrl: string | null;
  occupations: { id: string; code: string; labels: Translated }[];
  requiresCredential: boolean;
  /** Kilometres from the searched place, when one was given. */
  distanceKm: number | null;
  /** Earliest start (ISO) of a free slot of the minimum duration in the next 14 days, honouring lead time. */
  nextFreeSlot: string | null;
}

export interface ResourceSearchPage extends Page<ResourceCard> {
  /** The place distances are measured from, when `near` was given. */
  place: { label: string; latitude: number; longitude: number } | null;
}

export interface Participants {
  pupils: number;
  apprentices: number;
  jobSeekers: number;
  trainers: number;
  employees: number;
}

export interface BookingView {
  id: string;
  resource: { id: string; names: TranslatedOptional; timeZone: string; organisationId: string; organisationName: string };
  organisation: { id: string; name: string };
  /** Null when the viewer may not see who booked (others' bookings show organisations only). */
  bookedBy: { id: string; name: string } | null;
  trainer: { id: string; name: string } | null;
  start: string;
  end: string;
  status: import('./domain').BookingStatus;
  purpose: import('./domain').BookingPurpose;
  occupation: { id: string; code: string; labels: Translated } | null;
  expected: Participants;
  actual: Participants | null;
  actualStart: string | null;
  actualEnd: string | null;
  notes: string | null;
  statusReason: string | null;
  seriesId: string | null;
  /** The class the booking is for (level, year, section, teacher, trainer wanted, module), when given. */
  class?: import('./campaigns').ClassDetails | null;
  createdAt: string;
  /** Check-in and check-out at the machine (issue 20); null when attendance came from the form. */
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
  /** Answers to the item's own questions, in the questions' order. */
  answers?: import('./questions').BookingAnswerView[];
  /** Participants' names typed for the attestation of a completed booking (deleted after a retention period). */
  participantNames?: string[] | null;
}

/** One date of a series request and what happened to it. */
export interface SeriesOccurrenceReport {
  date: string;
  start: string;
  end: string;
  outcome: 'booked' | 'skipped';
  bookingId?: string;
  code?: string;
  message?: string;
}

export interface SeriesResult {
  seriesId: string | null;
  booked: number;
  skipped: number;
  occurrences: SeriesOccurrenceReport[];
}

export interface AvailabilityView {
  timeZone: string;
  /** Opening hours minus closures. */
  open: { start: string; end: string }[];
  /** Ranges held by pending or confirmed bookings (with their buffers). */
  busy: { start: string; end: string; status: 'pending' | 'confirmed' }[];
  /** Where a new booking's period can lie. */
  free: { start: string; end: string }[];
}

/** One booking on an item's public calendar (`GET /api/resources/:id/calendar`): others' bookings come without id, organisation or purpose. */
export interface CalendarEntry<Instant = string> {
  id: string | null;
  /** An ISO string on the wire; the API builds it from a `Date`. */
  start: Instant;
  end: Instant;
  status: import('./domain').BookingStatus;
  /** Booked by one of the viewer's organisations. */
  mine: boolean;
  organisationName: string | null;
  purpose: import('./domain').BookingPurpose | null;
}

/** One line of a booking's status history (`GET /api/bookings/:id/events`; owners' managers and coordinators only). */
export interface BookingEvent {
  id: string;
  action: string;
  details: Record<string, unknown> | null;
  createdAt: string;
  actorName: string | null;
}

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'expired' | 'cancelled';

/** One place on a waiting list (`POST /api/waitlist`, `GET /api/waitlist`). */
export interface WaitlistEntry {
  id: string;
  resourceId: string;
  organisationId: string;
  start: string;
  end: string;
  status: WaitlistStatus;
  bookingId: string | null;
  createdAt: string;
  /** The item's names (the list of one's own entries only). */
  resourceNames?: TranslatedOptional;
}
