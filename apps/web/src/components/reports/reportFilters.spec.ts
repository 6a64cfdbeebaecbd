import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { REPORT_FIRST_DAY } from '@equipole/shared';
import {
  DEFAULT_THRESHOLD, filtersFromQuery, filtersToQuery, PERIOD_PRESETS, periodProblem, presetRange, reportDayBounds, toApiFilters,
} from './reportFilters';

const today = DateTime.fromISO('2026-03-15T12:00:00Z');
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
    expect(periodProblem('2025-03-24', '2025-03-24', today)).toBeNull();
    expect(periodProblem('2025-03-25', '2025-03-24', today)).toEqual({ constraint: 'periodOrder', value: '' });
    expect(periodProblem('2020-01-01', '2025-01-01', today)).toEqual({ constraint: 'periodTooLong', value: 1096 });
    expect(periodProblem('2019-12-31', '2020-01-31', today)).toEqual({ constraint: 'periodTooEarly', value: REPORT_FIRST_DAY });
    expect(periodProblem('0001-01-01', '0001-01-31', today)).toEqual({ constraint: 'periodTooEarly', value: REPORT_FIRST_DAY });
    // Today (UTC) plus the longest booking horizon (730 days) and a day.
    expect(periodProblem('2028-03-01', '2028-03-15', today)).toBeNull();
    expect(periodProblem('2028-03-01', '2028-03-16', today)).toEqual({ constraint: 'periodTooLate', value: '2028-03-15' });
    expect(periodProblem('9999-01-01', '9999-01-31', today)).toEqual({ constraint: 'periodTooLate', value: '2028-03-15' });
    expect(periodProblem('2025-02-30', '2025-03-24', today)).toEqual({ constraint: 'periodOrder', value: '' });
    expect(reportDayBounds(today)).toEqual({ min: REPORT_FIRST_DAY, max: '2028-03-15' });
  });

  it('never produces a period the API refuses from a preset, whatever the day', () => {
    for (const day of ['2026-01-01T00:30:00+01:00', '2027-03-28T01:30:00+01:00', '2026-12-31T23:30:00+01:00', '2028-02-29T12:00:00+01:00']) {
      const now = DateTime.fromISO(day, { setZone: true });
      for (const preset of PERIOD_PRESETS.filter((p) => p !== 'custom')) {
        const { from, to } = presetRange(preset, now);
        expect({ day, preset, problem: periodProblem(from, to, now) }).toEqual({ day, preset, problem: null });
      }
    }
  });

  it('falls back to the default period when the address holds one outside the reports’ days', () => {
    expect(filtersFromQuery({ period: 'custom', from: '0001-01-01', to: '0001-01-31' }, today).preset).toBe('90d');
    expect(filtersFromQuery({ period: 'custom', from: '2030-01-01', to: '2030-01-31' }, today).preset).toBe('90d');
  });
});
