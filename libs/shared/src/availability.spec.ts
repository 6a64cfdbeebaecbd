import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { containsSpan, firstFreeStart, freeSpans, mergeSpans, openSpans, subtractSpans } from './availability';
import type { OpeningInterval } from './domain';
import type { Closure } from './rules';

const BRUSSELS = 'Europe/Brussels';
const local = (iso: string, zone = BRUSSELS) => DateTime.fromISO(iso, { zone }).toMillis();
const iso = (ms: number, zone = BRUSSELS) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const show = (spans: { start: number; end: number }[], zone = BRUSSELS) => spans.map((s) => `${iso(s.start, zone)}/${iso(s.end, zone).slice(11)}`);
const weekdays: OpeningInterval[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday: weekday as OpeningInterval['weekday'], start: '08:00', end: '12:00' },
  { weekday: weekday as OpeningInterval['weekday'], start: '13:00', end: '17:00' },
]);
const closure = (values: Partial<Closure>): Closure => ({ startsOn: '2026-01-01', endsOn: '2026-01-01', startTime: null, endTime: null, yearly: false, reason: 'x', ...values });

describe('openSpans', () => {
  it('expands weekly hours in the local zone', () => {
    const spans = openSpans(weekdays, [], BRUSSELS, local('2026-03-06T00:00'), local('2026-03-09T00:00'));
    expect(show(spans)).toEqual(['2026-03-06T08:00/12:00', '2026-03-06T13:00/17:00']);
  });

  it('keeps 08:00 local across the spring DST change (the last Sunday of March)', () => {
    const spans = openSpans([{ weekday: 7, start: '01:00', end: '05:00' }, { weekday: 1, start: '08:00', end: '09:00' }], [], BRUSSELS, local('2026-03-29T00:00'), local('2026-03-31T00:00'));
    expect(show(spans)).toEqual(['2026-03-29T01:00/05:00', '2026-03-30T08:00/09:00']);
    // 01:00 → 05:00 on the day clocks jump from 02:00 to 03:00 lasts 3 real hours.
    expect((spans[0].end - spans[0].start) / 3_600_000).toBe(3);
    expect(DateTime.fromMillis(spans[1].start, { zone: 'UTC' }).hour).toBe(6);
  });

  it('gives a 25-hour day in October when open round the clock', () => {
    const allDay: OpeningInterval[] = [{ weekday: 7, start: '00:00', end: '24:00' }];
    const spans = openSpans(allDay, [], BRUSSELS, local('2026-10-25T00:00'), local('2026-10-26T00:00'));
    expect((spans[0].end - spans[0].start) / 3_600_000).toBe(25);
  });

  it('removes whole-day, partial and yearly closures', () => {
    const closures = [
      closure({ startsOn: '2026-03-05', endsOn: '2026-03-05', reason: 'Inventaire' }),
      closure({ startsOn: '2026-03-06', endsOn: '2026-03-06', startTime: '10:00', endTime: '14:00', reason: 'Maintenance' }),
      closure({ startsOn: '2020-12-24', endsOn: '2021-01-02', yearly: true, reason: 'Vacances de Noël' }),
    ];
    const march = openSpans(weekdays, closures, BRUSSELS, local('2026-03-05T00:00'), local('2026-03-07T00:00'));
    expect(show(march)).toEqual(['2026-03-06T08:00/10:00', '2026-03-06T14:00/17:00']);
    const newYear = openSpans(weekdays, closures, BRUSSELS, local('2026-12-28T00:00'), local('2027-01-06T00:00'));
    expect(show(newYear)[0]).toBe('2027-01-04T08:00/12:00');
  });

  it('clips to the requested range and follows the site zone', () => {
    const paris = openSpans(weekdays, [], 'Europe/Paris', local('2026-03-06T09:30', 'Europe/Paris'), local('2026-03-06T14:00', 'Europe/Paris'));
    expect(show(paris, 'Europe/Paris')).toEqual(['2026-03-06T09:30/12:00', '2026-03-06T13:00/14:00']);
  });
});

describe('span arithmetic', () => {
  it('merges touching spans and subtracts', () => {
    expect(mergeSpans([{ start: 5, end: 8 }, { start: 0, end: 5 }, { start: 10, end: 12 }])).toEqual([{ start: 0, end: 8 }, { start: 10, end: 12 }]);
    expect(subtractSpans([{ start: 0, end: 10 }], [{ start: 2, end: 3 }, { start: 8, end: 20 }])).toEqual([{ start: 0, end: 2 }, { start: 3, end: 8 }]);
  });

  it('widens others’ blocked ranges by the new booking’s buffers', () => {
    const open = [{ start: local('2026-03-06T08:00'), end: local('2026-03-06T17:00') }];
    const blocked = [{ start: local('2026-03-06T10:00'), end: local('2026-03-06T12:15') }];
    const free = freeSpans(open, blocked, { beforeMinutes: 15, afterMinutes: 30 });
    expect(show(free)).toEqual(['2026-03-06T08:00/09:30', '2026-03-06T12:30/17:00']);
  });

  it('finds the first slot-aligned start that fits', () => {
    const free = [{ start: local('2026-03-06T08:10'), end: local('2026-03-06T09:00') }, { start: local('2026-03-06T13:00'), end: local('2026-03-06T17:00') }];
    expect(iso(firstFreeStart(free, 60, 30, BRUSSELS, 0)!)).toBe('2026-03-06T13:00');
    expect(iso(firstFreeStart(free, 30, 30, BRUSSELS, 0)!)).toBe('2026-03-06T08:30');
    expect(firstFreeStart(free, 300, 30, BRUSSELS, 0)).toBeUndefined();
  });

  it('tells whether a period lies in open hours', () => {
    const open = [{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 30, end: 40 }];
    expect(containsSpan(open, { start: 5, end: 15 })).toBe(true);
    expect(containsSpan(open, { start: 15, end: 35 })).toBe(false);
  });
});

describe('expandSeries', () => {
  it('keeps every Tuesday at 08:30 local across the last Sunday of March and of October', async () => {
    const { expandSeries } = await import('./availability');
    const spring = expandSeries({ weekdays: [2], intervalWeeks: 1, startTime: '08:30', endTime: '12:00', startsOn: '2026-03-17', endsOn: '2026-04-07' }, BRUSSELS);
    expect(spring.map((o) => iso(o.start))).toEqual(['2026-03-17T08:30', '2026-03-24T08:30', '2026-03-31T08:30', '2026-04-07T08:30']);
    expect(spring.map((o) => DateTime.fromMillis(o.start, { zone: 'UTC' }).hour)).toEqual([7, 7, 6, 6]);
    const autumn = expandSeries({ weekdays: [2], intervalWeeks: 1, startTime: '08:30', endTime: '12:00', startsOn: '2026-10-20', endsOn: '2026-11-03' }, BRUSSELS);
    expect(autumn.map((o) => DateTime.fromMillis(o.start, { zone: 'UTC' }).hour)).toEqual([6, 7, 7]);
  });

  it('repeats every N weeks on several weekdays', async () => {
    const { expandSeries } = await import('./availability');
    const dates = expandSeries({ weekdays: [1, 4], intervalWeeks: 2, startTime: '13:00', endTime: '16:00', startsOn: '2026-09-02', endsOn: '2026-09-30' }, BRUSSELS).map((o) => o.date);
    expect(dates).toEqual(['2026-09-03', '2026-09-14', '2026-09-17', '2026-09-28']);
  });
});
