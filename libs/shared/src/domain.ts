/** Domain vocabulary shared by the API and the web app. Values are stored as-is in PostgreSQL. */

export const ORGANISATION_KINDS = ['school', 'training_centre', 'company', 'sector_fund', 'public_service', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const COUNTRIES = ['BE', 'FR'] as const;
export type Country = (typeof COUNTRIES)[number];

/** Regions whose lists of occupations in shortage (métiers en tension) differ. */
export const REGIONS = ['WAL', 'VLA', 'BRU', 'HDF'] as const;
export type Region = (typeof REGIONS)[number];

export const MEMBERSHIP_ROLES = ['manager', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const SECTORS = ['industry', 'construction', 'energy', 'logistics', 'automotive', 'care', 'hospitality', 'digital'] as const;
export type Sector = (typeof SECTORS)[number];

export const CLUSTER_STATUSES = ['pilot', 'active', 'evaluated', 'closed'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

export const RESOURCE_KINDS = ['machine', 'workshop', 'vehicle', 'simulator', 'tool_kit', 'other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_STATUSES = ['active', 'maintenance', 'retired'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

export const COST_MODELS = ['free', 'hourly', 'cost_sharing'] as const;
export type CostModel = (typeof COST_MODELS)[number];

export const APPROVAL_MODES = ['automatic', 'owner', 'cluster_automatic'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export const ACCESS_POLICIES = ['clusters', 'listed', 'all'] as const;
export type AccessPolicy = (typeof ACCESS_POLICIES)[number];

export const BOOKING_STATUSES = ['pending', 'confirmed', 'declined', 'cancelled', 'expired', 'completed', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses that hold the slot: the exclusion constraint applies to them only. */
export const BLOCKING_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed'];

export const BOOKING_PURPOSES = ['course', 'trainer_training', 'occupation_discovery', 'exam', 'company_demo', 'other'] as const;
export type BookingPurpose = (typeof BOOKING_PURPOSES)[number];

export const BENEFICIARY_TYPES = ['pupils', 'apprentices', 'job_seekers', 'trainers', 'employees'] as const;
export type BeneficiaryType = (typeof BENEFICIARY_TYPES)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening interval of a weekly schedule, in the site's local time (`HH:mm`, end after start). */
export interface OpeningInterval {
  weekday: Weekday;
  start: string;
  end: string;
}
