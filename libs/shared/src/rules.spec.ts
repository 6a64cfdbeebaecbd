import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_RULES, groupOpeningHours, validateBookingRules, validateClosure } from './rules';

describe('validateBookingRules', () => {
  it('accepts the defaults', () => {
    expect(validateBookingRules(DEFAULT_BOOKING_RULES)).toEqual([]);
  });

  it('reports overlapping and reversed intervals, and inconsistent durations', () => {
    const problems = validateBookingRules({
      ...DEFAULT_BOOKING_RULES,
      openingHours: [
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '14:00' },
        { weekday: 3, start: '17:00', end: '08:00' },
        { weekday: 4, start: '8h', end: '12:00' },
      ],
      minDurationMinutes: 240,
      maxDurationMinutes: 120,
    });
    expect(problems).toEqual([
      { field: 'openingHours.2', constraint: 'openingOrder', args: ['17:00', '08:00'] },
      { field: 'openingHours.3', constraint: 'timeFormat' },
      { field: 'openingHours.1', constraint: 'openingOverlap', args: ['08:00–12:00'] },
      { field: 'minDurationMinutes', constraint: 'durationOrder', args: [120] },
    ]);
  });

  it('wants durations on the slot grid', () => {
    expect(validateBookingRules({ ...DEFAULT_BOOKING_RULES, minDurationMinutes: 45 })).toEqual([
      { field: 'minDurationMinutes', constraint: 'slotMultiple', args: [30] },
    ]);
  });
});

describe('validateClosure', () => {
  it('wants one-off closures in order and both times or none', () => {
    expect(validateClosure({ startsOn: '2026-05-02', endsOn: '2026-05-01', startTime: null, endTime: null, yearly: false })).toEqual([{ field: 'endsOn', constraint: 'closureOrder' }]);
    expect(validateClosure({ startsOn: '2026-12-24', endsOn: '2026-01-02', startTime: null, endTime: null, yearly: true })).toEqual([]);
    expect(validateClosure({ startsOn: '2026-05-01', endsOn: '2026-05-01', startTime: '10:00', endTime: null, yearly: false })).toHaveLength(1);
  });
});

describe('groupOpeningHours', () => {
  it('groups consecutive days with the same hours', () => {
    expect(groupOpeningHours(DEFAULT_BOOKING_RULES.openingHours)).toEqual([
      { days: [1, 2, 3, 4, 5], intervals: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
    ]);
    expect(groupOpeningHours([{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 3, start: '08:00', end: '12:00' }]).map((g) => g.days)).toEqual([[1], [3]]);
  });
});
