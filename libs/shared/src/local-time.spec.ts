import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandSeries, openSpans } from './availability';
import type { OpeningInterval } from './domain';
import { localInstant, localRange } from './local-time';

const BRUSSELS = 'Europe/Brussels';
const iso = (instant: number) => DateTime.fromMillis(instant, { zone: BRUSSELS }).toISO();
const hours = (span: { start: number; end: number }) => (span.end - span.start) / 3_600_000;

describe('local times across DST changes', () => {
  it('reads an ordinary local time with the offset of that day', () => {
    expect(iso(localInstant('2027-01-12', '08:30', BRUSSELS))).toBe('2027-01-12T08:30:00.000+01:00');
    expect(iso(localInstant('2027-07-13', '08:30', BRUSSELS))).toBe('2027-07-13T08:30:00.000+02:00');
    expect(iso(localInstant('2027-03-28', '01:30', BRUSSELS))).toBe('2027-03-28T01:30:00.000+01:00');
    expect(iso(localInstant('2027-03-28', '10:00', BRUSSELS))).toBe('2027-03-28T10:00:00.000+02:00');
    expect(iso(localInstant('2027-10-31', '10:00', BRUSSELS))).toBe('2027-10-31T10:00:00.000+01:00');
    expect(iso(localInstant('2027-10-30', '24:00', BRUSSELS))).toBe('2027-10-31T00:00:00.000+02:00');
  });

  it('moves a time that does not exist forward by the gap (RFC 5545): 02:30 is 03:30 on 28 March 2027', () => {
    expect(iso(localInstant('2027-03-28', '02:30', BRUSSELS))).toBe('2027-03-28T03:30:00.000+02:00');
    expect(iso(localInstant('2027-03-28', '02:00', BRUSSELS))).toBe('2027-03-28T03:00:00.000+02:00');
  });

  it('takes the first of a time that exists twice: 02:30 in summer time on 31 October 2027', () => {
    expect(iso(localInstant('2027-10-31', '02:30', BRUSSELS))).toBe('2027-10-31T02:30:00.000+02:00');
    expect(iso(localInstant('2027-10-31', '02:00', BRUSSELS))).toBe('2027-10-31T02:00:00.000+02:00');
  });

  it('keeps a range’s duration in real time on both nights', () => {
    expect(hours(localRange('2027-03-28', '02:30', '03:30', BRUSSELS))).toBe(1);
    expect(hours(localRange('2027-10-31', '02:30', '03:30', BRUSSELS))).toBe(1);
    expect(hours(localRange('2027-10-31', '01:00', '05:00', BRUSSELS))).toBe(4);
  });

  it('refuses what it cannot read', () => {
    expect(localInstant('2027-02-30', '08:00', BRUSSELS)).toBeNaN();
    expect(localInstant('2027-02-03', '25:00', BRUSSELS)).toBeNaN();
    expect(localInstant('2027-02-03', 'noon', BRUSSELS)).toBeNaN();
    expect(localInstant('2027-02-03', '08:00', 'Mars/Olympus')).toBeNaN();
  });

  it('books a weekly 02:30–03:30 for one hour on both nights clocks change', () => {
    const pattern = { weekdays: [7], intervalWeeks: 1, startTime: '02:30', endTime: '03:30' };
    const spring = expandSeries({ ...pattern, startsOn: '2027-03-21', endsOn: '2027-04-04' }, BRUSSELS);
    expect(spring.map(hours)).toEqual([1, 1, 1]);
    expect(spring.map((o) => iso(o.start))).toEqual(['2027-03-21T02:30:00.000+01:00', '2027-03-28T03:30:00.000+02:00', '2027-04-04T02:30:00.000+02:00']);
    const autumn = expandSeries({ ...pattern, startsOn: '2027-10-24', endsOn: '2027-11-07' }, BRUSSELS);
    expect(autumn.map(hours)).toEqual([1, 1, 1]);
    expect(iso(autumn[1].start)).toBe('2027-10-31T02:30:00.000+02:00');
  });

  it('opens wall-clock hours: 00:00–24:00 is 23 hours on 28 March and 25 on 31 October', () => {
    const allDay: OpeningInterval[] = [{ weekday: 7, start: '00:00', end: '24:00' }];
    const day = (date: string) => {
      const start = DateTime.fromISO(date, { zone: BRUSSELS }).toMillis();
      return openSpans(allDay, [], BRUSSELS, start, start + 2 * 86_400_000)[0];
    };
    expect(hours(day('2027-03-28'))).toBe(23);
    expect(hours(day('2027-10-31'))).toBe(25);
  });
});
