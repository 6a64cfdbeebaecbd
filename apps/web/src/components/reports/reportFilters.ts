import {
  COUNTRIES, lastReportDay, REPORT_FIRST_DAY, reportPeriodProblems, RESOURCE_KINDS, SECTORS, type Country, type ReportFilters, type ReportPeriodProblem,
  type ResourceKind, type Sector,
} from '@equipole/shared';
import { DateTime } from 'luxon';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/** What the report page keeps in its address: the period, the filters and the under-use threshold. */
export const PERIOD_PRESETS = ['30d', '90d', '365d', 'year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface ReportViewFilters {
  preset: PeriodPreset;
  from: string;
  to: string;
  clusterId: string | null;
  occupationId: string | null;
  sector: Sector | null;
  ownerOrganisationId: string | null;
  bookingOrganisationId: string | null;
  kind: ResourceKind | null;
  siteId: string | null;
  country: Country | null;
  /** Items below this occupancy (in %) are highlighted as under-used. */
  threshold: number;
}

export const DEFAULT_THRESHOLD = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** First and last day (both included) of a preset, ending today. */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: DateTime): { from: string; to: string } {
  const to = today.toISODate()!;
  if (preset === 'year') return { from: today.startOf('year').toISODate()!, to };
  const days = { '30d': 30, '90d': 90, '365d': 365 }[preset];
  return { from: today.minus({ days: days - 1 }).toISODate()!, to };
}

const one = (value: LocationQuery[string]): string | null => (Array.isArray(value) ? value[0] : value) ?? null;
const pickFrom = <T extends string>(allowed: readonly T[], value: string | null): T | null => (value && (allowed as readonly string[]).includes(value) ? (value as T) : null);
const uuid = (value: string | null) => (value && UUID.test(value) ? value : null);

/** The filters of an address; anything malformed falls back to its default, never to an error. */
export function filtersFromQuery(query: LocationQuery, today: DateTime = DateTime.now()): ReportViewFilters {
  let preset = pickFrom(PERIOD_PRESETS, one(query.period)) ?? '90d';
  let from = one(query.from);
  let to = one(query.to);
  if (preset === 'custom' && !(from && to && periodProblem(from, to, today) === null)) preset = '90d';
  if (preset !== 'custom') ({ from, to } = presetRange(preset, today));
  const threshold = Number(one(query.threshold));
  return {
    preset,
    from: from!,
    to: to!,
    clusterId: uuid(one(query.clusterId)),
    occupationId: uuid(one(query.occupationId)),
    sector: pickFrom(SECTORS, one(query.sector)),
    ownerOrganisationId: uuid(one(query.ownerOrganisationId)),
    bookingOrganisationId: uuid(one(query.bookingOrganisationId)),
    kind: pickFrom(RESOURCE_KINDS, one(query.kind)),
    siteId: uuid(one(query.siteId)),
    country: pickFrom(COUNTRIES, one(query.country)),
    threshold: Number.isFinite(threshold) && one(query.threshold) !== null && threshold >= 0 && threshold <= 100 ? threshold : DEFAULT_THRESHOLD,
  };
}

/** The address of some filters: defaults are left out so that addresses stay short. */
export function filtersToQuery(filters: ReportViewFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.preset !== '90d') query.period = filters.preset;
  if (filters.preset === 'custom') {
    query.from = filters.from;
    query.to = filters.to;
  }
  for (const key of ['clusterId', 'occupationId', 'sector', 'ownerOrganisationId', 'bookingOrganisationId', 'kind', 'siteId', 'country'] as const) {
    if (filters[key]) query[key] = filters[key];
  }
  if (filters.threshold !== DEFAULT_THRESHOLD) query.threshold = String(filters.threshold);
  return query;
}

/** What the API receives. */
export function toApiFilters(filters: ReportViewFilters): ReportFilters {
  const api: ReportFilters = { from: filters.from, to: filters.to };
  for (const key of ['clusterId', 'occupationId', 'sector', 'ownerOrganisationId', 'bookingOrganisationId', 'kind', 'siteId', 'country'] as const) {
    if (filters[key]) (api as unknown as Record<string, string>)[key] = filters[key]!;
  }
  return api;
}

/** The API's today: the UTC date of business time (DateTime.now() follows the API's clock). */
const apiToday = (now: DateTime) => now.toUTC().toISODate()!;

/** The days a report may cover at `now`: the same bounds as the API's (reportPeriodProblems). */
export function reportDayBounds(now: DateTime): { min: string; max: string } {
  return { min: REPORT_FIRST_DAY, max: lastReportDay(apiToday(now)) };
}

/**
 * Why a custom period cannot be used, with the rule the API applies (reportPeriodProblems in
 * libs/shared: between the first report day and today plus the longest booking horizon, end after
 * start, at most MAX_REPORT_DAYS days); null when it can. `constraint` is a message key of the
 * reports' filters, `value` the day or number of days its message names.
 */
export function periodProblem(from: string, to: string, now: DateTime): { constraint: ReportPeriodProblem['constraint']; value: string | number } | null {
  if (!DAY.test(from) || !DAY.test(to) || !DateTime.fromISO(from).isValid || !DateTime.fromISO(to).isValid) return { constraint: 'periodOrder', value: '' };
  const [problem] = reportPeriodProblems(from, to, apiToday(now));
  return problem ? { constraint: problem.constraint, value: problem.args[0] ?? '' } : null;
}
