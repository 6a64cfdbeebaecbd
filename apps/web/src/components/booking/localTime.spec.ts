import { describe, expect, it } from 'vitest';
import { defaultSlot, fromLocalParts, rangeFromLocalParts, slotFromRange, toLocalParts } from './localTime';

describe('site-local times', () => {
  it('reads and writes wall-clock times in the site’s zone, across DST', () => {
    expect(fromLocalParts('2026-03-10', '08:30', 'Europe/Brussels')).toBe('2026-03-10T07:30:00.000Z');
    expect(fromLocalParts('2026-04-07', '08:30', 'Europe/Brussels')).toBe('2026-04-07T06:30:00.000Z');
    expect(toLocalParts('2026-04-07T06:30:00.000Z', 'Europe/Brussels')).toEqual({ date: '2026-04-07', time: '08:30' });
    expect(slotFromRange('2026-03-10T07:30:00.000Z', '2026-03-10T11:00:00.000Z', 'Europe/Brussels')).toEqual({
      date: '2026-03-10',
      startTime: '08:30',
      endTime: '12:00',
    });
  });

  it('returns null for unreadable input', () => {
    expect(fromLocalParts('', '08:00', 'Europe/Brussels')).toBeNull();
    expect(fromLocalParts('2026-03-10', '8h', 'Europe/Brussels')).toBeNull();
  });

  it('proposes the first opening interval after the lead time', () => {
    const rules = { openingHours: [{ weekday: 2 as const, start: '13:00', end: '17:00' }], minDurationMinutes: 90, leadTimeMinutes: 24 * 60 };
    // Monday 9 March 2026, 10:00 in Brussels: Tuesday is within the lead time's next day, so the Tuesday after.
    const slot = defaultSlot(rules, 'Europe/Brussels', Date.parse('2026-03-09T09:00:00.000Z'));
    expect(slot).toEqual({ date: '2026-03-17', startTime: '13:00', endTime: '14:30' });
  });
});

describe('local ranges on the nights clocks change (the API’s rule)', () => {
  it('moves 02:30 forward by the gap on 28 March 2027 and keeps one hour', () => {
    expect(rangeFromLocalParts('2027-03-28', '02:30', '03:30', 'Europe/Brussels')).toEqual({ start: '2027-03-28T01:30:00.000Z', end: '2027-03-28T02:30:00.000Z' });
  });

  it('takes the first 02:30 on 31 October 2027 and keeps one hour', () => {
    expect(rangeFromLocalParts('2027-10-31', '02:30', '03:30', 'Europe/Brussels')).toEqual({ start: '2027-10-31T00:30:00.000Z', end: '2027-10-31T01:30:00.000Z' });
  });

  it('reads 08:00 as 08:00 local on both nights, not midnight plus eight hours', () => {
    expect(fromLocalParts('2027-03-28', '08:00', 'Europe/Brussels')).toBe('2027-03-28T06:00:00.000Z');
    expect(fromLocalParts('2027-10-31', '08:00', 'Europe/Brussels')).toBe('2027-10-31T07:00:00.000Z');
  });

  it('leaves an unreadable side empty', () => {
    expect(rangeFromLocalParts('2027-03-28', '08:00', '9h', 'Europe/Brussels')).toEqual({ start: '2027-03-28T06:00:00.000Z', end: null });
  });
});
