import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, filtersFromQuery, filtersToQuery, periodProblem, presetRange, relativeChange, toApiFilters } from './reportFilters';

const today = DateTime.fromISO('2026-03-15');
const ORG = '0b6f3c2e-6d7a-4c1e-9a77-2f0d7f1c8a10';

describe('report filters in the address', () => {
  it('defaults to the last three months ending today', () => {
    expect(filtersFromQuery({}, today)).toMatchObject({ preset: '90d', from: '2025-12-16', to: '2026-03-15', threshold: DEFAULT_THRESHOLD, clusterId: null });
  });

  it('computes the presets from today', () => {
    expect(presetRange('30d', today)).toEqual({ from: '2026-02-14', to: '2026-03-15' });
    expect(presetRange('year', today)).toEqual({ from: '2026-01-01', to: '2026-03-15' });
    expect(presetRange('365d', today)).toEqual({ from: '2025-03-16', to: '2026-03-15' });
  });

  it('keeps a valid custom period and falls back on a broken one', () => {
    expect(filtersFromQuery({ period: 'custom', from: '2025-03-24', to: '2025-03-30' }, today)).toMatchObject({ preset: 'custom', from: '2025-03-24', to: '2025-03-30' });
    expect(filtersFromQuery({ period: 'custom', from: '2025-03-30', to: '2025-03-24' }, today).preset).toBe('90d');
    expect(filtersFromQuery({ period: 'custom', from: 'nope', to: '2025-03-24' }, today).preset).toBe('90d');
  });

  it('ignores malformed filters instead of sending them', () => {
    const filters = filtersFromQuery({ sector: 'space', country: 'DE', ownerOrganisationId: 'x', threshold: '250', kind: 'machine' }, today);
    expect(filters).toMatchObject({ sector: null, country: null, ownerOrganisationId: null, threshold: DEFAULT_THRESHOLD, kind: 'machine' });
  });

  it('round-trips through the address, leaving defaults out', () => {
    const filters = filtersFromQuery({ period: 'custom', from: '2025-03-24', to: '2025-03-30', ownerOrganisationId: ORG, threshold: '35' }, today);
    expect(filtersToQuery(filters)).toEqual({ period: 'custom', from: '2025-03-24', to: '2025-03-30', ownerOrganisationId: ORG, threshold: '35' });
    expect(filtersToQuery(filtersFromQuery({}, today))).toEqual({});
  });

  it('sends the API the period and the chosen filters only', () => {
    const filters = filtersFromQuery({ country: 'FR', threshold: '10' }, today);
    expect(toApiFilters(filters)).toEqual({ from: '2025-12-16', to: '2026-03-15', country: 'FR' });
  });

  it('checks a custom period like the API does', () => {
    expect(periodProblem('2025-03-24', '2025-03-24')).toBeNull();
    expect(periodProblem('2025-03-25', '2025-03-24')).toBe('periodOrder');
    expect(periodProblem('2020-01-01', '2025-01-01')).toBe('periodTooLong');
  });

  it('gives no relative change against zero', () => {
    expect(relativeChange(10, 0)).toBeNull();
    expect(relativeChange(15, 10)).toBe(0.5);
  });
});
