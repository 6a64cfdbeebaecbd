import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersFromQuery, filtersToQuery, freeWindowProblem, hasActiveFilters, PAGE_SIZE, toSearchParams } from './catalogueFilters';

const OCCUPATION = '0b6a4f3e-2a61-4c0e-9d7c-1f0b5d6e7a81';
const CLUSTER = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';

describe('catalogue filters in the address', () => {
  it('reads every filter from the address', () => {
    const filters = filtersFromQuery({
      q: 'soudage',
      occupation: OCCUPATION,
      sector: 'industry',
      kind: 'machine',
      cluster: CLUSTER,
      country: 'BE',
      near: '7500',
      radius: '25',
      from: '2026-03-03T08:00',
      to: '2026-03-03T12:00',
      sort: 'distance',
      page: '2',
    });

    expect(filters).toEqual({
      ...EMPTY_FILTERS,
      q: 'soudage',
      occupation: OCCUPATION,
      sector: 'industry',
      kind: 'machine',
      cluster: CLUSTER,
      country: 'BE',
      near: '7500',
      radius: 25,
      freeFrom: '2026-03-03T08:00',
      freeTo: '2026-03-03T12:00',
      sort: 'distance',
      page: 2,
    });
  });

  it('drops malformed values instead of sending them to the API', () => {
    const filters = filtersFromQuery({
      occupation: 'not-a-uuid',
      sector: 'bakery',
      kind: ['vehicle', 'machine'],
      country: 'NL',
      radius: '-3',
      from: '2026-13-45T08:00',
      to: 'tomorrow',
      sort: 'price',
      page: 'zero',
    });

    expect(filters).toEqual({ ...EMPTY_FILTERS, kind: 'vehicle' });
  });

  it('writes only what narrows or orders the search, and nothing for an empty search', () => {
    expect(filtersToQuery({ ...EMPTY_FILTERS })).toEqual({});
    expect(filtersToQuery({ ...EMPTY_FILTERS, q: '  soudage  ', kind: 'machine', page: 2 })).toEqual({ q: 'soudage', kind: 'machine', page: '2' });
    expect(filtersToQuery({ ...EMPTY_FILTERS, radius: 25 }), 'a radius needs a place').toEqual({});
    expect(filtersToQuery({ ...EMPTY_FILTERS, near: '7500', radius: 25, sort: 'distance' })).toEqual({ near: '7500', radius: '25', sort: 'distance' });
  });

  it('gives back the same filters after a round trip through the address', () => {
    const filters = {
      ...EMPTY_FILTERS,
      q: 'heftruck',
      occupation: OCCUPATION,
      sector: 'logistics' as const,
      country: 'FR' as const,
      near: '50.6,3.39',
      radius: 50,
      freeFrom: '2026-03-03T08:00',
      freeTo: '2026-03-03T10:00',
      sort: 'name' as const,
      page: 3,
    };
    const query = Object.fromEntries(Object.entries(filtersToQuery(filters)).map(([key, value]) => [key, String(value)]));

    expect(filtersFromQuery(query)).toEqual(filters);
  });

  it('tells whether anything narrows the results', () => {
    expect(hasActiveFilters({ ...EMPTY_FILTERS, sort: 'name', page: 4 })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, q: ' ' })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, country: 'BE' })).toBe(true);
  });
});

describe('catalogue search parameters', () => {
  it('maps the filters to the API query, with the page as an offset', () => {
    expect(
      toSearchParams({ ...EMPTY_FILTERS, q: 'tour', occupation: OCCUPATION, cluster: CLUSTER, near: '7500', radius: 10, page: 3 }),
    ).toEqual({ q: 'tour', occupationId: OCCUPATION, clusterId: CLUSTER, near: '7500', radiusKm: 10, limit: PAGE_SIZE, offset: 2 * PAGE_SIZE });
  });

  it('sends the free window as instants read in the given zone', () => {
    const params = toSearchParams({ ...EMPTY_FILTERS, freeFrom: '2026-07-01T08:00', freeTo: '2026-07-01T12:30' }, 'Europe/Brussels');

    expect(params.freeFrom).toBe('2026-07-01T06:00:00.000Z');
    expect(params.freeTo).toBe('2026-07-01T10:30:00.000Z');
  });

  it('leaves an incomplete or reversed free window out, and says why', () => {
    const incomplete = { ...EMPTY_FILTERS, freeFrom: '2026-07-01T08:00' };
    const reversed = { ...EMPTY_FILTERS, freeFrom: '2026-07-01T12:00', freeTo: '2026-07-01T08:00' };

    expect(toSearchParams(incomplete).freeFrom).toBeUndefined();
    expect(toSearchParams(reversed).freeTo).toBeUndefined();
    expect(freeWindowProblem(incomplete)).toBe('missingEnd');
    expect(freeWindowProblem({ freeFrom: null, freeTo: '2026-07-01T08:00' })).toBe('missingStart');
    expect(freeWindowProblem(reversed)).toBe('order');
    expect(freeWindowProblem({ freeFrom: null, freeTo: null })).toBeNull();
  });
});
