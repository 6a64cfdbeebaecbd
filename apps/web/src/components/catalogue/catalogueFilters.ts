import {
  COUNTRIES, RESOURCE_KINDS, SECTORS, type CatalogueSort, type Country, type ResourceKind, type ResourceSearchParams, type Sector,
} from '@equipole/shared';
import { DateTime } from 'luxon';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';


/**
 * The catalogue's filters as they live in the page address (`/equipment?q=soudage&kind=machine&page=2`),
 * so that a search can be shared, bookmarked and restored with Back. Anything malformed in the
 * address is dropped rather than sent to the API (which would refuse it).
 */
export interface CatalogueFilters {
  q: string;
  occupation: string | null;
  sector: Sector | null;
  kind: ResourceKind | null;
  cluster: string | null;
  organisation: string | null;
  country: Country | null;
  /** A postcode, a town or "lat,lng", as typed. */
  near: string;
  radius: number | null;
  /** Local date-times of the visitor's device, `YYYY-MM-DDTHH:mm` (what a datetime-local input gives). */
  freeFrom: string | null;
  freeTo: string | null;
  sort: CatalogueSort | null;
  /** 1-based. */
  page: number;
}

export const PAGE_SIZE = 12;
export const RADIUS_CHOICES = [5, 10, 25, 50, 100] as const;
export const SORTS: readonly CatalogueSort[] = ['relevance', 'distance', 'name'];

export const EMPTY_FILTERS: Readonly<CatalogueFilters> = Object.freeze({
  q: '',
  occupation: null,
  sector: null,
  kind: null,
  cluster: null,
  organisation: null,
  country: null,
  near: '',
  radius: null,
  freeFrom: null,
  freeTo: null,
  sort: null,
  page: 1,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function first(value: LocationQuery[string] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : null;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function uuid(value: string | null): string | null {
  return value !== null && UUID.test(value) ? value.toLowerCase() : null;
}

function localDateTime(value: string | null): string | null {
  return value !== null && LOCAL_DATE_TIME.test(value) && DateTime.fromISO(value).isValid ? value : null;
}

function integer(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}

/** Reads the filters from the address; unknown or malformed values fall back to "no filter". */
export function filtersFromQuery(query: LocationQuery): CatalogueFilters {
  return {
    q: (first(query.q) ?? '').slice(0, 200),
    occupation: uuid(first(query.occupation)),
    sector: oneOf(SECTORS, first(query.sector)),
    kind: oneOf(RESOURCE_KINDS, first(query.kind)),
    cluster: uuid(first(query.cluster)),
    organisation: uuid(first(query.organisation)),
    country: oneOf(COUNTRIES, first(query.country)),
    near: (first(query.near) ?? '').slice(0, 100),
    radius: integer(first(query.radius), 1, 500),
    freeFrom: localDateTime(first(query.from)),
    freeTo: localDateTime(first(query.to)),
    sort: oneOf(SORTS, first(query.sort)),
    page: integer(first(query.page), 1, 10_000) ?? 1,
  };
}

/** The address for these filters: only what differs from "no filter", always in the same order. */
export function filtersToQuery(filters: CatalogueFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  const q = filters.q.trim();
  const near = filters.near.trim();
  if (q) query.q = q;
  if (filters.occupation) query.occupation = filters.occupation;
  if (filters.sector) query.sector = filters.sector;
  if (filters.kind) query.kind = filters.kind;
  if (filters.cluster) query.cluster = filters.cluster;
  if (filters.organisation) query.organisation = filters.organisation;
  if (filters.country) query.country = filters.country;
  if (near) query.near = near;
  if (near && filters.radius) query.radius = String(filters.radius);
  if (filters.freeFrom) query.from = filters.freeFrom;
  if (filters.freeTo) query.to = filters.freeTo;
  if (filters.sort) query.sort = filters.sort;
  if (filters.page > 1) query.page = String(filters.page);
  return query;
}

/** True when anything narrows the results (sorting and paging do not). */
export function hasActiveFilters(filters: CatalogueFilters): boolean {
  return Boolean(
    filters.q.trim() ||
      filters.occupation ||
      filters.sector ||
      filters.kind ||
      filters.cluster ||
      filters.organisation ||
      filters.country ||
      filters.near.trim() ||
      filters.freeFrom ||
      filters.freeTo,
  );
}

export type FreeWindowProblem = 'missingEnd' | 'missingStart' | 'order';

/** Why a "free between" window cannot be searched yet, if it cannot. */
export function freeWindowProblem(filters: Pick<CatalogueFilters, 'freeFrom' | 'freeTo'>): FreeWindowProblem | null {
  if (!filters.freeFrom && !filters.freeTo) return null;
  if (!filters.freeTo) return 'missingEnd';
  if (!filters.freeFrom) return 'missingStart';
  return filters.freeFrom < filters.freeTo ? null : 'order';
}

/**
 * What to ask the API for. The free window is read in `zone` (the device's by default) and sent
 * as instants; it is left out while incomplete or reversed (the form says why).
 */
export function toSearchParams(filters: CatalogueFilters, zone?: string): ResourceSearchParams {
  const params: ResourceSearchParams = { limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE };
  const q = filters.q.trim();
  const near = filters.near.trim();
  if (q) params.q = q;
  if (filters.occupation) params.occupationId = filters.occupation;
  if (filters.sector) params.sector = filters.sector;
  if (filters.kind) params.kind = filters.kind;
  if (filters.cluster) params.clusterId = filters.cluster;
  if (filters.organisation) params.organisationId = filters.organisation;
  if (filters.country) params.country = filters.country;
  if (near) {
    params.near = near;
    if (filters.radius) params.radiusKm = filters.radius;
  }
  if (filters.freeFrom && filters.freeTo && !freeWindowProblem(filters)) {
    params.freeFrom = DateTime.fromISO(filters.freeFrom, { zone }).toUTC().toISO() ?? undefined;
    params.freeTo = DateTime.fromISO(filters.freeTo, { zone }).toUTC().toISO() ?? undefined;
  }
  if (filters.sort) params.sort = filters.sort;
  return params;
}
