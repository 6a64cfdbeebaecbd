import type { DayPart, ClassDetails } from './campaigns';
import type { GroupCounts, SessionKind } from './cluster-life';
import type {
  BeneficiaryType, BookingPurpose, BookingStatus, ClusterStatus, CostModel, Country, MembershipRole, OrganisationKind, Region, ResourceKind, ResourceStatus, Sector,
} from './domain';
import type { AffectedBookingsResolution } from './equipment-life';
import type { BookingRules } from './rules';
import type { Participants, ResourceLink } from './api-types';

/**
 * Request bodies and queries of the API, declared once: the API's class-validator DTOs `implements`
 * them and the web's services send them. `Instant` is an ISO string on the wire (the web) and a
 * `Date` once the API's ValidationPipe has transformed it.
 */

/** What a booking request says besides its time (`BookingRequestDto`). */
export interface BookingRequest {
  resourceId: string;
  organisationId: string;
  purpose: BookingPurpose;
  occupationId?: string;
  trainerId?: string;
  participants?: Participants;
  class?: ClassDetails | null;
  notes?: string;
  /** Answers to the item's own questions, keyed by question id (libs/shared/src/questions.ts). */
  answers?: Record<string, import('./questions').AnswerValue>;
}

/** `POST /api/bookings` and `POST /api/waitlist` (`CreateBookingDto`). */
export interface SingleBookingRequest<Instant = string> extends BookingRequest {
  start: Instant;
  end: Instant;
}

/** `POST /api/bookings/series` (`CreateSeriesDto`). */
export interface SeriesRequest extends BookingRequest {
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[];
  intervalWeeks?: number;
  /** Local wall-clock times at the site, HH:mm. */
  startTime: string;
  endTime: string;
  /** Local days, YYYY-MM-DD, inclusive. */
  startsOn: string;
  endsOn: string;
  mode: 'all_or_nothing' | 'skip_conflicts';
}

export type BookingScope = 'mine' | 'inbox' | 'all';

/** `GET /api/bookings` (`ListBookingsQuery`). */
/** The orders of `GET /api/bookings` (`-` for descending); by default requests come soonest first, other lists latest first. */
export const BOOKING_SORTS = ['start', '-start', 'equipment', '-equipment', 'organisation', '-organisation', 'status', '-status'] as const;
export type BookingSort = (typeof BOOKING_SORTS)[number];

export interface BookingListQuery<Instant = string> {
  scope?: BookingScope;
  resourceId?: string;
  organisationId?: string;
  status?: BookingStatus;
  /** Words in the equipment's names, its owner, the booking organisation or the notes. */
  q?: string;
  /** Bookings ending after `from` and starting before `to`. */
  from?: Instant;
  to?: Instant;
  sort?: BookingSort;
  limit?: number;
  offset?: number;
}

/** `POST /api/bookings/:id/attendance` (`AttendanceDto`). */
export interface AttendanceRequest<Instant = string> {
  actualStart: Instant;
  actualEnd: Instant;
  participants: Participants;
}

/** A range of at most 62 days (the API's limit for calendar and availability queries; `RangeQuery`). */
export interface Range<Instant = string> {
  from: Instant;
  to: Instant;
}

/** A new period for a booking (`RescheduleDto`) or a manual campaign allocation. */
export interface Period<Instant = string> {
  start: Instant;
  end: Instant;
}

/** `POST /api/campaigns` (`CreateCampaignDto`): a partner opens a campaign on its own items, or a coordinator on a cluster's. */
export interface CampaignInput<Instant = string> {
  /** The partner opening it over its own items; or give `clusterId` (coordinators), never both. */
  organisationId?: string;
  /** The cluster whose items (of any partner) the campaign offers. */
  clusterId?: string;
  name: string;
  resourceIds: string[];
  /** First and last local day to allocate. */
  periodStart: string;
  periodEnd: string;
  windowOpensAt: Instant;
  windowClosesAt: Instant;
  publishBy: string;
  sessionMinutes: number;
  eligibleKinds?: string[];
  eligibleLevels?: ClassDetails['level'][];
  capPerOrganisation?: number;
  capPerClass?: number;
}

/** `POST /api/campaigns/:id/requests` (`CampaignRequestDto`): what a school sends for one request. */
export interface CampaignRequestInput {
  organisationId: string;
  resourceId?: string;
  resourceKind?: string;
  sessions: number;
  priority?: number;
  preferredWeekdays?: number[];
  preferredPart?: DayPart;
  earliest?: string;
  latest?: string;
  purpose?: BookingPurpose;
  pupils: number;
  class: ClassDetails;
  notes?: string | null;
  /** Answers to the questions of the items the request accepts (its item, or every campaign item of its kind), keyed by question id. */
  answers?: Record<string, import('./questions').AnswerValue>;
}

export type CatalogueSort = 'relevance' | 'distance' | 'name';

/** `GET /api/resources` (`SearchResourcesQuery`); the web leaves empty values out. */
export interface ResourceSearchParams<Instant = string> {
  q?: string;
  occupationId?: string;
  sector?: Sector;
  kind?: ResourceKind;
  clusterId?: string;
  organisationId?: string;
  country?: Country;
  /** A postcode, a town or "lat,lng". */
  near?: string;
  radiusKm?: number;
  /** Both or neither. */
  freeFrom?: Instant;
  freeTo?: Instant;
  includeInactive?: boolean;
  sort?: CatalogueSort;
  limit?: number;
  offset?: number;
}

/** `POST /api/sessions` (`CreateSessionDto`). */
export interface SessionInput {
  kind: SessionKind;
  organisationId: string;
  titleFr?: string | null;
  titleNl?: string | null;
  titleEn?: string | null;
  descriptionFr?: string | null;
  descriptionNl?: string | null;
  descriptionEn?: string | null;
  clusterId?: string;
  resourceId?: string;
  siteId?: string;
  occupationIds?: string[];
  start: string;
  end: string;
  registrationDeadline?: string;
  seats: number;
  audienceKinds?: OrganisationKind[];
  audienceBeneficiaries?: BeneficiaryType[];
}

/**
 * What the host may change in a published session (PATCH; an absent field stays as it is). Its kind,
 * host, place and times stay: registered groups planned for them (a new time is a new session).
 */
export interface SessionUpdate {
  titleFr?: string | null;
  titleNl?: string | null;
  titleEn?: string | null;
  descriptionFr?: string | null;
  descriptionNl?: string | null;
  descriptionEn?: string | null;
  occupationIds?: string[];
  registrationDeadline?: string;
  /** Never below the seats registered groups hold; more seats move waiting groups up, in order. */
  seats?: number;
  audienceKinds?: OrganisationKind[];
  audienceBeneficiaries?: BeneficiaryType[];
}

export interface ContactInput {
  name: string;
  email: string;
  phone?: string | null;
}

/** `POST /api/sessions/:id/registrations` (`RegisterGroupDto`). */
export interface RegistrationInput {
  organisationId: string;
  group: GroupCounts;
  contact: ContactInput;
}

/** `PUT /api/sessions/:id/attendance` (`RecordAttendanceDto`): who came, per registered group. */
export interface AttendanceInput {
  registrations: { registrationId: string; attended: Partial<GroupCounts> }[];
}

/** `POST/PATCH /api/organisations` (`CreateOrganisationDto`); `null` clears a field. */
export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  country: Country;
  address?: string | null;
  postcode?: string | null;
  city?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  registrationNumber?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  website?: string | null;
}

/** `POST /api/organisations/:id/members` (`InviteMemberDto`). */
export interface InvitationInput {
  email: string;
  name: string;
  role: MembershipRole;
}

/** `GET /api/organisations` (`ListOrganisationsQuery`). */
export interface OrganisationQuery {
  search?: string;
  kind?: OrganisationKind | null;
  country?: Country | null;
  limit?: number;
  offset?: number;
}

/** `POST/PATCH /api/clusters` (`CreateClusterDto`). */
export interface ClusterInput {
  name: string;
  descriptionFr?: string | null;
  descriptionNl?: string | null;
  descriptionEn?: string | null;
  sector: Sector;
  status?: ClusterStatus;
  startDate?: string | null;
  leadOrganisationId?: string | null;
  occupationIds?: string[];
  memberIds?: string[];
  coordinatorIds?: string[];
}

/** `POST/PATCH /api/occupations` (`CreateOccupationDto`). */
export interface OccupationInput {
  code: string;
  labelFr: string;
  labelNl: string;
  labelEn: string;
  sector: Sector;
  escoUri?: string | null;
  iscoCode?: string | null;
  romeCode?: string | null;
}

/** `PUT /api/occupations/:id/shortages/:region` (`SetShortageDto`). */
export interface ShortageInput {
  inShortage: boolean;
  listDate?: string | null;
  source?: string | null;
}

/** The rules an item is saved with (`BookingRulesDto`): the shared rules plus, for "listed" access, who may book. */
export type RulesInput = BookingRules & { allowedOrganisationIds?: string[] };

/** `POST /api/resources` (`CreateResourceDto`). */
export interface ResourceInput {
  organisationId: string;
  siteId: string;
  kind: ResourceKind;
  nameFr?: string | null;
  nameNl?: string | null;
  nameEn?: string | null;
  descriptionFr?: string | null;
  descriptionNl?: string | null;
  descriptionEn?: string | null;
  capacity: number;
  sector?: Sector | null;
  status?: ResourceStatus;
  /** First day on the platform (local date of the site); default: the creation day. */
  availableFrom?: string;
  withOperator?: boolean;
  costModel?: CostModel;
  hourlyRate?: number | null;
  costNote?: string | null;
  skills?: string[];
  occupationIds?: string[];
  clusterIds?: string[];
  requiredCredentialId?: string | null;
  links?: ResourceLink[];
  /** Left out: the item starts from its site's default rules. */
  rules?: RulesInput;
  checkinMarginMinutes?: number;
  autoReleaseMinutes?: number | null;
}

/** `PATCH /api/resources/:id` (`UpdateResourceDto`): everything but the owner, each field optional. */
export type ResourceUpdate = Partial<Omit<ResourceInput, 'organisationId'>> & { affectedBookings?: AffectedBookingsResolution };

/** `POST /api/organisations/:id/sites` (`CreateSiteDto`). */
export interface SiteInput {
  name: string;
  address?: string | null;
  postcode?: string | null;
  city?: string | null;
  country: Country;
  region: Region;
  latitude?: number | null;
  longitude?: number | null;
  timeZone?: string;
}

/** `POST /api/sites/:id/closures` and `/api/resources/:id/closures` (`CreateClosureDto`). */
export interface ClosureInput {
  startsOn: string;
  endsOn: string;
  startTime?: string | null;
  endTime?: string | null;
  yearly?: boolean;
  reason: string;
  /** The partner's choice for the bookings the closure hits (asked after a 409 BOOKINGS_AFFECTED). */
  affectedBookings?: AffectedBookingsResolution;
  /** A one-off closure that ended before today is refused (400 `closureInPast`) unless it is recorded on purpose, for the reports. */
  recordPast?: boolean;
}

/** `POST /api/organisations/:id/credentials` (`CreateCredentialDto`). */
export interface CredentialInput {
  nameFr?: string | null;
  nameNl?: string | null;
  nameEn?: string | null;
  description?: string | null;
}

/** `POST /api/credentials/:id/grants` (`GrantCredentialDto`). */
export interface GrantInput {
  email: string;
  /** Last valid day, YYYY-MM-DD. */
  expiresOn: string;
  note?: string | null;
}
