import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkBookingRules, type BookingCheck } from './booking-check';
import { ErrorCode } from './errors';
import { DEFAULT_BOOKING_RULES } from './rules';

const zone = 'Europe/Brussels';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const base = (start: string, end: string, extra: Partial<BookingCheck> = {}): BookingCheck => ({
  now: at('2026-03-02T09:00'),
  period: { start: at(start), end: at(end) },
  zone,
  rules: DEFAULT_BOOKING_RULES,
  status: 'active',
  capacity: 10,
  participants: 5,
  closures: [],
  ...extra,
});

describe('checkBookingRules', () => {
  it('accepts a slot inside opening hours', () => {
    expect(checkBookingRules(base('2026-03-10T08:00', '2026-03-10T12:00'))).toBeUndefined();
  });

  it.each([
    ['2026-03-02T10:00', '2026-03-02T11:00', ErrorCode.LeadTimeNotMet],
    ['2026-07-07T08:00', '2026-07-07T09:00', ErrorCode.BeyondHorizon],
    ['2026-03-10T08:00', '2026-03-10T08:30', ErrorCode.DurationTooShort],
    ['2026-03-10T08:15', '2026-03-10T09:15', ErrorCode.OffSlotGrid],
    ['2026-03-10T11:00', '2026-03-10T14:00', ErrorCode.OutsideOpeningHours],
    ['2026-03-14T09:00', '2026-03-14T10:00', ErrorCode.OutsideOpeningHours],
  ])('refuses %s–%s with %s', (start, end, code) => {
    expect(checkBookingRules(base(start, end))?.code).toBe(code);
  });

  it('names the opening hours of the day it refuses', () => {
    expect(checkBookingRules(base('2026-03-10T11:00', '2026-03-10T14:00'))).toEqual({
      code: ErrorCode.OutsideOpeningHours,
      weekday: 2,
      intervals: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
    });
  });

  it('names the closure that blocks the slot', () => {
    const closures = [{ startsOn: '2026-03-10', endsOn: '2026-03-10', startTime: '10:00', endTime: '11:00', yearly: false, reason: 'Maintenance' }];
    expect(checkBookingRules(base('2026-03-10T09:00', '2026-03-10T11:00', { closures }))).toEqual({ code: ErrorCode.ResourceClosed, reason: 'Maintenance' });
  });

  it('refuses too many participants and an inactive item', () => {
    expect(checkBookingRules(base('2026-03-10T08:00', '2026-03-10T09:00', { participants: 11 }))?.code).toBe(ErrorCode.CapacityExceeded);
    expect(checkBookingRules(base('2026-03-10T08:00', '2026-03-10T09:00', { status: 'maintenance' }))?.code).toBe(ErrorCode.ResourceUnavailable);
  });

  it('checks the grid in local time across a DST change', () => {
    expect(checkBookingRules(base('2026-03-31T08:30', '2026-03-31T12:00', { now: at('2026-03-20T09:00') }))).toBeUndefined();
  });
});
