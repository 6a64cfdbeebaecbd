import { describe, expect, it } from 'vitest';
import { indicatorChange, INDICATOR_GOOD_DIRECTION, INDICATOR_KEYS } from './reports';

describe('indicatorChange', () => {
  it('gives rates in points between the two rates as shown', () => {
    // 33.96 % shows as 34 %, 32.15 % as 32.2 % (half away from zero): +1.8 pt.
    expect(indicatorChange('occupancyRate', 0.3396, 0.3215, true)).toEqual({ unit: 'points', value: 1.8, direction: 'up', tone: 'good' });
  });

  it('colours by whether up is good, not by the sign', () => {
    expect(indicatorChange('noShowRate', 0.1, 0.2, true)).toMatchObject({ direction: 'down', tone: 'good' });
    expect(indicatorChange('unmetHours', 20, 10, true)).toEqual({ unit: 'percent', value: 100, direction: 'up', tone: 'bad' });
    expect(indicatorChange('openHours', 20, 10, true)).toMatchObject({ direction: 'up', tone: 'neutral' });
    for (const key of INDICATOR_KEYS) expect(['up', 'down', 'neutral']).toContain(INDICATOR_GOOD_DIRECTION[key]);
  });

  it('compares nothing without a comparable period, a value on each side, or a previous value to divide by', () => {
    const none = { value: null, direction: 'none', tone: 'neutral' };
    expect(indicatorChange('bookedHours', 4684, 100, false)).toMatchObject(none);
    expect(indicatorChange('mutualisationRate', null, 0.5, true)).toMatchObject(none);
    expect(indicatorChange('bookedHours', 5, 0, true)).toMatchObject(none);
    expect(indicatorChange('bookedHours', 5, 5, true)).toEqual({ unit: 'percent', value: 0, direction: 'stable', tone: 'neutral' });
  });
});
