import type { Country, Region, ResourceKind, Sector } from './domain';
import type { Locale } from './i18n';
import { MAX_HORIZON_DAYS } from './rules';

/**
 * Occupancy reports and cluster indicators. The definitions are in docs/indicators.md; any change
 * to how a figure is computed bumps this version, which every report shows.
 */
export const INDICATOR_VERSION = '1.2';

export const REPORT_BLOCKS = ['summary', 'trend', 'heatmap', 'equipment', 'partnerships', 'learners', 'shortage', 'unmet'] as const;
export type ReportBlock = (typeof REPORT_BLOCKS)[number];

/** network: the coordinator's dashboard; partner: equipment of organisations one manages; school: one's organisations' own bookings. */
export const REPORT_SCOPES = ['network', 'partner', 'school'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/** The longest period a report covers, in days. */
export const MAX_REPORT_DAYS = 1096;

/**
 * The first day a report may cover. The platform's bookings begin in 2025 (the pilot); the floor
 * leaves five years for history imported from before, and bounds what a report can make the
 * database compute: every new month of a report fills derived rows for the items it covers.
 */
export const REPORT_FIRST_DAY = '2020-01-01';

/** How many report computations one person may run at once; one more answers 429 `REPORTS_BUSY`. */
export const MAX_CONCURRENT_REPORTS = 2;

/** The Retry-After of a `REPORTS_BUSY` answer, in seconds (a report block takes well under a second to a few seconds). */
export const REPORTS_BUSY_RETRY_SECONDS = 2;

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The last day a report may cover when today is `today` (YYYY-MM-DD): nothing can be booked beyond
 * the longest booking horizon, plus one day so that a site whose date is already tomorrow is covered.
 */
export function lastReportDay(today: string): string {
  return new Date(dayMs(today) + (MAX_HORIZON_DAYS + 1) * DAY_MS).toISOString().slice(0, 10);
}

/** Why a report period is refused, as a field error of the API (`args` fill the message's `{0}`). */
export interface ReportPeriodProblem {
  field: 'from' | 'to';
  constraint: 'periodTooEarly' | 'periodTooLate' | 'periodOrder' | 'periodTooLong';
  args: (string | number)[];
}

/**
 * The problems of a period [from, to] (real days YYYY-MM-DD, both included) when today is `today`:
 * each day between REPORT_FIRST_DAY and lastReportDay(today); then to ≥ from, at most MAX_REPORT_DAYS
 * days. Empty when the period can be reported on. The API refuses with these; the web app checks the
 * same before asking.
 */
export function reportPeriodProblems(from: string, to: string, today: string): ReportPeriodProblem[] {
  const last = lastReportDay(today);
  const bounds = (field: 'from' | 'to', day: string): ReportPeriodProblem[] =>
    day < REPORT_FIRST_DAY
      ? [{ field, constraint: 'periodTooEarly', args: [REPORT_FIRST_DAY] }]
      : day > last
        ? [{ field, constraint: 'periodTooLate', args: [last] }]
        : [];
  const outside = [...bounds('from', from), ...bounds('to', to)];
  if (outside.length > 0) return outside;
  const days = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
  if (!(days >= 1)) return [{ field: 'to', constraint: 'periodOrder', args: [] }];
  if (days > MAX_REPORT_DAYS) return [{ field: 'to', constraint: 'periodTooLong', args: [MAX_REPORT_DAYS] }];
  return [];
}

/** Query of every report block. `from` and `to` are local days (YYYY-MM-DD), both included, in each item's time zone. */
export interface ReportFilters {
  from: string;
  to: string;
  scope?: ReportScope;
  clusterId?: string;
  occupationId?: string;
  sector?: Sector;
  ownerOrganisationId?: string;
  bookingOrganisationId?: string;
  kind?: ResourceKind;
  siteId?: string;
  country?: Country;
}

/** Present in every report answer. */
export interface ReportMeta {
  indicatorVersion: string;
  scope: ReportScope;
  from: string;
  to: string;
}

export type ReportTranslated = Record<Locale, string | null>;
export interface ReportOrganisation {
  id: string;
  name: string;
  country: Country;
}
export interface ReportOccupation {
  id: string;
  code: string;
  labels: ReportTranslated;
}

/** Hours are decimal hours; a rate is a ratio between 0 and 1, null when its denominator is 0. */
export interface IndicatorSet {
  openHours: number;
  bookedHours: number;
  occupancyRate: number | null;
  usedHours: number;
  usageRate: number | null;
  completedBookings: number;
  noShows: number;
  noShowRate: number | null;
  learnerHours: number;
  mutualisedHours: number;
  mutualisationRate: number | null;
  partnerships: number;
  newPartnerships: number;
  crossBorderPartnerships: number;
  shortageHours: number;
  unmetHours: number;
}
export const INDICATOR_KEYS = [
  'openHours', 'bookedHours', 'occupancyRate', 'usedHours', 'usageRate', 'completedBookings', 'noShows', 'noShowRate', 'learnerHours',
  'mutualisedHours', 'mutualisationRate', 'partnerships', 'newPartnerships', 'crossBorderPartnerships', 'shortageHours', 'unmetHours',
] as const satisfies readonly (keyof IndicatorSet)[];

export interface SummaryReport extends ReportMeta {
  current: IndicatorSet;
  /** The same number of days just before `from`. */
  previous: IndicatorSet & { from: string; to: string };
  /**
   * True when every item reported on was on the platform during the whole previous period (its
   * first day, `availableFrom`, on or before the previous period's first day). Otherwise the previous
   * period holds only part of the data and no change is shown (docs/indicators.md, "Comparisons").
   */
  previousComparable: boolean;
}

export type IndicatorKey = keyof IndicatorSet;

/** How each indicator is shown: a rate (per cent, changes in points), hours, or a count (changes in per cent). */
export const INDICATOR_UNITS: Record<IndicatorKey, 'rate' | 'hours' | 'count'> = {
  openHours: 'hours', bookedHours: 'hours', occupancyRate: 'rate', usedHours: 'hours', usageRate: 'rate', completedBookings: 'count',
  noShows: 'count', noShowRate: 'rate', learnerHours: 'hours', mutualisedHours: 'hours', mutualisationRate: 'rate', partnerships: 'count',
  newPartnerships: 'count', crossBorderPartnerships: 'count', shortageHours: 'hours', unmetHours: 'hours',
};

/**
 * Which way is good news: 'up' (more is better), 'down' (less is better: no-shows, unmet demand) or
 * 'neutral' (open hours: neither). The dashboard colours a change by it, never by its sign alone.
 */
export const INDICATOR_GOOD_DIRECTION: Record<IndicatorKey, 'up' | 'down' | 'neutral'> = {
  openHours: 'neutral', bookedHours: 'up', occupancyRate: 'up', usedHours: 'up', usageRate: 'up', completedBookings: 'up',
  noShows: 'down', noShowRate: 'down', learnerHours: 'up', mutualisedHours: 'up', mutualisationRate: 'up', partnerships: 'up',
  newPartnerships: 'up', crossBorderPartnerships: 'up', shortageHours: 'up', unmetHours: 'down',
};

/** Half away from zero at `digits` decimals, on the decimal value (3.05 × 10 is 30.500000000000004 in binary). */
export function roundHalfAway(value: number, digits: number): number {
  const scaled = Number((Math.abs(value) * 10 ** digits).toFixed(6));
  return (Math.sign(value) * Math.round(scaled)) / 10 ** digits;
}

/** A rate as it is shown and exported: per cent with one decimal (0.33962 → 34). */
export function ratePercent(value: number): number {
  return roundHalfAway(value * 100, 1);
}

/** How an indicator changed against the previous period, as the screen shows it and the CSV writes it. */
export interface IndicatorChange {
  /** 'points' for rates, 'percent' (of the previous value) for hours and counts. */
  unit: 'points' | 'percent';
  /** Signed, one decimal; null when there is nothing to compare. */
  value: number | null;
  /** 'none': no comparable period, or no value on one side (or a previous 0 for a change in per cent). */
  direction: 'up' | 'down' | 'stable' | 'none';
  /** Good or bad news according to INDICATOR_GOOD_DIRECTION; neutral when stable, none or neutral. */
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * The change of one indicator. Rates: the difference of the two rates as shown (per cent, one
 * decimal), in points, so that "34 % … 32.2 %" reads "+1.8 pt". Hours and counts: the change in per
 * cent of the previous value, one decimal. Nothing when the previous period is not comparable.
 */
export function indicatorChange(key: IndicatorKey, current: number | null, previous: number | null, previousComparable: boolean): IndicatorChange {
  const unit = INDICATOR_UNITS[key] === 'rate' ? 'points' : 'percent';
  const none: IndicatorChange = { unit, value: null, direction: 'none', tone: 'neutral' };
  if (!previousComparable || current === null || previous === null) return none;
  let value: number;
  if (unit === 'points') value = roundHalfAway(ratePercent(current) - ratePercent(previous), 1);
  else if (previous === 0) return current === 0 ? { unit, value: 0, direction: 'stable', tone: 'neutral' } : none;
  else value = roundHalfAway(((current - previous) / previous) * 100, 1);
  if (value === 0) return { unit, value: 0, direction: 'stable', tone: 'neutral' };
  const direction = value > 0 ? 'up' : 'down';
  const good = INDICATOR_GOOD_DIRECTION[key];
  return { unit, value, direction, tone: good === 'neutral' ? 'neutral' : good === direction ? 'good' : 'bad' };
}

export interface TrendMonth {
  /** YYYY-MM */
  month: string;
  openHours: number;
  bookedHours: number;
  usedHours: number;
  occupancyRate: number | null;
  usageRate: number | null;
}
export interface TrendReport extends ReportMeta {
  months: TrendMonth[];
}

export interface HeatmapCell {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Local hour of the day, 0–23. */
  hour: number;
  openHours: number;
  bookedHours: number;
  occupancyRate: number | null;
}
export interface HeatmapReport extends ReportMeta {
  cells: HeatmapCell[];
}

export interface EquipmentOccupancy {
  id: string;
  names: ReportTranslated;
  kind: ResourceKind;
  owner: ReportOrganisation;
  site: { id: string; name: string; country: Country; region: Region; timeZone: string };
  openHours: number;
  bookedHours: number;
  usedHours: number;
  occupancyRate: number | null;
  usageRate: number | null;
  completedBookings: number;
  noShows: number;
}
export interface EquipmentReport extends ReportMeta {
  items: EquipmentOccupancy[];
}

export interface Partnership {
  owner: ReportOrganisation;
  booker: ReportOrganisation;
  completedBookings: number;
  usedHours: number;
  /** Start of the first completed booking ever between the two. */
  firstCompletedAt: string;
  isNew: boolean;
  crossBorder: boolean;
}
export interface PartnershipsReport extends ReportMeta {
  owners: ReportOrganisation[];
  bookers: ReportOrganisation[];
  pairs: Partnership[];
  totals: { partnerships: number; newPartnerships: number; crossBorderPartnerships: number };
}

export interface LearnerHours {
  pupils: number;
  apprentices: number;
  jobSeekers: number;
  trainers: number;
  employees: number;
  total: number;
}
export interface LearnersReport extends ReportMeta {
  /** One row per occupation of the bookings; occupation null = not given. */
  rows: (LearnerHours & { occupation: ReportOccupation | null })[];
  totals: LearnerHours;
}

export interface ShortageReport extends ReportMeta {
  shortageHours: number;
  usedHours: number;
  shareOfUsedHours: number | null;
  rows: { occupation: ReportOccupation; region: Region; usedHours: number; learnerHours: number }[];
}

export const UNMET_KINDS = ['declined', 'expired', 'waitlist', 'refused'] as const;
export type UnmetKind = (typeof UNMET_KINDS)[number];
export interface UnmetFigures {
  requests: number;
  hours: number;
}
/** Sessions a published campaign could not give: requests with unserved sessions, the sessions and their hours. */
export interface CampaignUnmetFigures {
  requests: number;
  sessions: number;
  hours: number;
}
/**
 * One row of campaign unmet demand (docs/indicators.md, "Campaign unmet demand"): a campaign, the
 * requesting organisation and what it asked for — an item, or (item null) any of the campaign's
 * items of a kind, counted once.
 */
export interface CampaignUnmetRow extends CampaignUnmetFigures {
  campaign: { id: string; name: string; publishedAt: string };
  organisation: ReportOrganisation;
  item: { id: string; names: ReportTranslated } | null;
  resourceKind: ResourceKind | null;
  owner: ReportOrganisation;
}
export interface UnmetReport extends ReportMeta {
  /** Booking requests not served (declined, expired, waitlist, refused): their totals exclude the campaigns' source. */
  totals: Record<UnmetKind | 'total', UnmetFigures>;
  items: { id: string; names: ReportTranslated; owner: ReportOrganisation; byKind: Record<UnmetKind, UnmetFigures>; total: UnmetFigures }[];
  /** Sessions published campaigns could not give, a source of its own (indicators 1.2). */
  campaign: { totals: CampaignUnmetFigures; rows: CampaignUnmetRow[] };
}

export interface ReportByBlock {
  summary: SummaryReport;
  trend: TrendReport;
  heatmap: HeatmapReport;
  equipment: EquipmentReport;
  partnerships: PartnershipsReport;
  learners: LearnersReport;
  shortage: ShortageReport;
  unmet: UnmetReport;
}
