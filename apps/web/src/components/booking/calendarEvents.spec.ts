import { DEFAULT_BOOKING_RULES, type BookingView, type CalendarEntry } from '@equipole/shared';
import { describe, expect, it } from 'vitest';

import {
  bookingEvents, businessHours, calendarEntryEvents, closedBackgroundEvents, OTHERS_COLORS, selectionProblem, STATUS_COLORS,
} from './calendarEvents';

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}(${Object.values(params).join(',')})` : key);
const H = 3_600_000;

describe('calendarEntryEvents', () => {
  const entries: CalendarEntry[] = [
    { id: 'b1', start: '2026-03-10T07:00:00.000Z', end: '2026-03-10T09:00:00.000Z', status: 'pending', mine: true, organisationName: 'Athénée', purpose: 'course' },
    { id: null, start: '2026-03-10T10:00:00.000Z', end: '2026-03-10T11:00:00.000Z', status: 'confirmed', mine: false, organisationName: null, purpose: null },
  ];

  it('shows own bookings with their status and purpose, and links them to the booking', () => {
    const [mine] = calendarEntryEvents(entries, t);
    expect(mine).toMatchObject({
      id: 'b1',
      title: 'bookings.calendar.mineTitle(bookings.statuses.pending,bookings.purposes.course)',
      start: entries[0].start,
      end: entries[0].end,
      ...STATUS_COLORS.pending,
      extendedProps: { kind: 'booking', bookingId: 'b1', status: 'pending', mine: true },
    });
  });

  it('shows others’ bookings as "booked" without details and with a unique id', () => {
    const [, others] = calendarEntryEvents(entries, t);
    expect(others).toMatchObject({ title: 'bookings.calendar.booked', ...OTHERS_COLORS, extendedProps: { bookingId: null, mine: false } });
    expect(others.id).toMatch(/^busy-1-/);
  });

  it('translates each distinct title once, however many entries share it', () => {
    const calls: string[] = [];
    const counting = (key: string, params?: Record<string, unknown>) => {
      calls.push(key);
      return t(key, params);
    };
    const many = Array.from({ length: 100 }, (_, index) => ({ ...entries[index % 2], id: entries[index % 2].id ? `b${index}` : null }));
    const events = calendarEntryEvents(many, counting);
    expect(events[98].title).toBe(calendarEntryEvents([entries[0]], t)[0].title);
    expect(events[99].title).toBe('bookings.calendar.booked');
    expect(calls.filter((key) => key === 'bookings.calendar.mineTitle')).toHaveLength(1);
    expect(calls.filter((key) => key === 'bookings.calendar.booked')).toHaveLength(1);
  });
});

describe('bookingEvents', () => {
  it('titles a booking with the equipment name in the reader’s language, or the booking organisation', () => {
    const booking = {
      id: 'b2',
      resource: { id: 'r', names: { fr: 'Tour', nl: 'Draaibank', en: null }, timeZone: 'Europe/Brussels', organisationId: 'o', organisationName: 'Escaut' },
      organisation: { id: 'a', name: 'Athénée' },
      start: '2026-03-10T07:00:00.000Z',
      end: '2026-03-10T09:00:00.000Z',
      status: 'confirmed',
    } as unknown as BookingView;
    expect(bookingEvents([booking], 'nl', t)[0].title).toBe('bookings.calendar.bookingTitle(Draaibank,bookings.statuses.confirmed)');
    expect(bookingEvents([booking], 'en', t)[0].title).toBe('bookings.calendar.bookingTitle(Tour,bookings.statuses.confirmed)');
    expect(bookingEvents([booking], 'fr', t, { title: 'organisation' })[0].title).toBe('bookings.calendar.bookingTitle(Athénée,bookings.statuses.confirmed)');
  });
});

describe('closedBackgroundEvents', () => {
  it('greys everything in the range outside the open spans, closures included', () => {
    const day = Date.parse('2026-03-10T00:00:00.000Z');
    const open = [
      { start: new Date(day + 7 * H).toISOString(), end: new Date(day + 11 * H).toISOString() },
      { start: new Date(day + 12 * H).toISOString(), end: new Date(day + 16 * H).toISOString() },
    ];
    const events = closedBackgroundEvents(open, { start: day, end: day + 24 * H });
    expect(events.map((e) => [e.start, e.end])).toEqual([
      [new Date(day).toISOString(), new Date(day + 7 * H).toISOString()],
      [new Date(day + 11 * H).toISOString(), new Date(day + 12 * H).toISOString()],
      [new Date(day + 16 * H).toISOString(), new Date(day + 24 * H).toISOString()],
    ]);
    expect(events.every((e) => e.display === 'background')).toBe(true);
  });

  it('greys the whole range when nothing is open', () => {
    expect(closedBackgroundEvents([], { start: 0, end: H })).toHaveLength(1);
  });
});

describe('selectionProblem', () => {
  const rules = {
    ...DEFAULT_BOOKING_RULES,
    // 2026-03-10 is a Tuesday; the site's zone is UTC.
    openingHours: [{ weekday: 2 as const, start: '07:00', end: '16:00' }],
    minDurationMinutes: 60,
    maxDurationMinutes: 240,
    leadTimeMinutes: 24 * 60,
  };
  const item = { rules, closures: [], zone: 'UTC', status: 'active' as const };
  const now = Date.parse('2026-03-01T00:00:00.000Z');
  const base = Date.parse('2026-03-10T00:00:00.000Z');
  const open = [{ start: base + 7 * H, end: base + 11 * H }, { start: base + 11 * H, end: base + 16 * H }];

  it('accepts a range inside open time within the durations', () => {
    expect(selectionProblem({ start: base + 8 * H, end: base + 10 * H }, item, open, now)).toBeUndefined();
    expect(selectionProblem({ start: base + 10 * H, end: base + 12 * H }, item, open, now), 'touching open spans count as one').toBeUndefined();
  });

  it('refuses closed, too short, too long and too soon ranges', () => {
    expect(selectionProblem({ start: base + 6 * H, end: base + 8 * H }, item, open, now)).toBe('closed');
    expect(selectionProblem({ start: base + 8 * H, end: base + 8.5 * H }, item, open, now)).toBe('tooShort');
    expect(selectionProblem({ start: base + 7 * H, end: base + 12 * H }, item, open, now)).toBe('tooLong');
    expect(selectionProblem({ start: base + 8 * H, end: base + 10 * H }, item, open, base + 9 * H)).toBe('past');
    expect(selectionProblem({ start: base + 8 * H, end: base + 10 * H }, item, open, base)).toBe('lead');
    const free = [{ start: base + 8 * H, end: base + 9 * H }];
    expect(selectionProblem({ start: base + 8 * H, end: base + 10 * H }, item, open, now, free), 'a booking holds 9:00–10:00').toBe('taken');
    expect(selectionProblem({ start: base + 8 * H, end: base + 9 * H }, item, open, now, free)).toBeUndefined();
  });

  it('uses the API’s rule checks: horizon, opening hours and closures', () => {
    expect(selectionProblem({ start: base + 8 * H, end: base + 10 * H }, item, open, base - 100 * 24 * H), 'beyond 90 days').toBe('horizon');
    const wideOpen = [{ start: base, end: base + 24 * H }];
    expect(selectionProblem({ start: base + 16 * H, end: base + 18 * H }, item, wideOpen, now), 'after the opening hours').toBe('closed');
    const closed = { ...item, closures: [{ startsOn: '2026-03-10', endsOn: '2026-03-10', startTime: null, endTime: null, yearly: false, reason: 'Audit' }] };
    expect(selectionProblem({ start: base + 8 * H, end: base + 10 * H }, closed, wideOpen, now)).toBe('closed');
  });
});

describe('businessHours', () => {
  it('maps ISO weekdays to FullCalendar’s (Sunday = 0)', () => {
    expect(businessHours([{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 7, start: '09:00', end: '10:00' }])).toEqual([
      { daysOfWeek: [1], startTime: '08:00', endTime: '12:00' },
      { daysOfWeek: [0], startTime: '09:00', endTime: '10:00' },
    ]);
  });
});
