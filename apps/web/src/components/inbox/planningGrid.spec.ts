import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildPlanningRows, mondayOf, planningWeek, shiftWeek, type PlanningBooking } from './planningGrid';

const brussels = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Brussels' }).toUTC().toISO()!;
const booking = (id: string, resourceId: string, start: string, end: string): PlanningBooking => ({
  id, resourceId, start: brussels(start), end: brussels(end), status: 'confirmed',
});

describe('planning weeks', () => {
  it('starts weeks on Monday in Brussels, from a date or an instant', () => {
    expect(mondayOf('2026-03-05')).toBe('2026-03-02');
    expect(mondayOf('2026-03-08T23:30:00Z')).toBe('2026-03-09'); // already Monday 00:30 in Brussels
    expect(mondayOf('garbage', DateTime.fromISO('2026-03-04T10:00:00Z'))).toBe('2026-03-02');
  });

  it('moves by whole weeks across the change to summer time', () => {
    expect(shiftWeek('2026-03-23', 1)).toBe('2026-03-30');
    expect(shiftWeek('2026-03-30', -1)).toBe('2026-03-23');
  });

  it('lists seven days and fetches a range wider than the week', () => {
    const week = planningWeek('2026-03-02');
    expect(week.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(Date.parse(week.from)).toBeLessThan(Date.parse(brussels('2026-03-02T00:00')));
    expect(Date.parse(week.to)).toBeGreaterThan(Date.parse(brussels('2026-03-09T00:00')));
  });
});

describe('buildPlanningRows', () => {
  const week = planningWeek('2026-03-02');
  const resources = [
    { id: 'lathe', timeZone: 'Europe/Brussels' },
    { id: 'truck', timeZone: 'Europe/Paris' },
  ];

  it('puts each booking in its item’s row and day, sorted by start', () => {
    const rows = buildPlanningRows(resources, [
      booking('late', 'lathe', '2026-03-03T13:00', '2026-03-03T17:00'),
      booking('early', 'lathe', '2026-03-03T08:00', '2026-03-03T12:00'),
      booking('truck', 'truck', '2026-03-06T09:00', '2026-03-06T10:00'),
    ], week);
    expect(rows[0].cells[1].map((b) => b.id)).toEqual(['early', 'late']);
    expect(rows[0].count).toBe(2);
    expect(rows[1].cells[4].map((b) => b.id)).toEqual(['truck']);
    expect(rows[1].cells.flat()).toHaveLength(1);
  });

  it('shows a booking over midnight on both days, but not a booking ending at midnight on the next', () => {
    const rows = buildPlanningRows(resources, [
      booking('night', 'lathe', '2026-03-04T20:00', '2026-03-05T02:00'),
      booking('evening', 'lathe', '2026-03-06T18:00', '2026-03-07T00:00'),
    ], week);
    expect(rows[0].cells.map((cell) => cell.map((b) => b.id))).toEqual([[], [], ['night'], ['night'], ['evening'], [], []]);
    expect(rows[0].count).toBe(2);
  });

  it('leaves out bookings outside the week, of unknown items, and duplicates', () => {
    const inWeek = booking('in', 'lathe', '2026-03-02T08:00', '2026-03-02T09:00');
    const rows = buildPlanningRows(resources, [
      booking('before', 'lathe', '2026-03-01T08:00', '2026-03-01T09:00'),
      booking('after', 'lathe', '2026-03-09T08:00', '2026-03-09T09:00'),
      booking('other', 'nowhere', '2026-03-02T08:00', '2026-03-02T09:00'),
      inWeek,
      inWeek,
    ], week);
    expect(rows[0].cells.flat().map((b) => b.id)).toEqual(['in']);
    expect(rows[0].count).toBe(1);
  });

  it('keeps rows for items without bookings, in the given order', () => {
    expect(buildPlanningRows(resources, [], week).map((row) => [row.resource.id, row.count])).toEqual([['lathe', 0], ['truck', 0]]);
  });
});
