import { describe, expect, it } from 'vitest';
import { closedByClosure, openTimeRemoved } from './equipment-life';

const zone = 'Europe/Brussels';
const at = (iso: string) => Date.parse(iso);

describe('closedByClosure', () => {
  it('finds the part of a booking that a whole-day closure shuts, in the site zone', () => {
    const closure = { startsOn: '2027-03-10', endsOn: '2027-03-10', startTime: null, endTime: null, yearly: false, reason: 'x' };
    expect(closedByClosure(closure, zone, { start: at('2027-03-10T08:00:00Z'), end: at('2027-03-10T10:00:00Z') })).toEqual([
      { start: at('2027-03-10T08:00:00Z'), end: at('2027-03-10T10:00:00Z') },
    ]);
    // 23:00Z on the 10th is already the 11th in Brussels: untouched.
    expect(closedByClosure(closure, zone, { start: at('2027-03-10T23:00:00Z'), end: at('2027-03-11T01:00:00Z') })).toEqual([]);
  });

  it('only counts the closed window of a partial closure', () => {
    const closure = { startsOn: '2027-06-01', endsOn: '2027-06-30', startTime: '12:00', endTime: '13:00', yearly: false, reason: 'x' };
    expect(closedByClosure(closure, zone, { start: at('2027-06-02T07:00:00Z'), end: at('2027-06-02T09:00:00Z') })).toEqual([]);
    expect(closedByClosure(closure, zone, { start: at('2027-06-02T09:00:00Z'), end: at('2027-06-02T12:00:00Z') })).toEqual([
      { start: at('2027-06-02T10:00:00Z'), end: at('2027-06-02T11:00:00Z') },
    ]);
  });
});

describe('openTimeRemoved', () => {
  it('is the open time the new hours take away', () => {
    const before = [{ weekday: 3 as const, start: '08:00', end: '17:00' }];
    const after = [{ weekday: 3 as const, start: '08:00', end: '12:00' }];
    // Wednesday 2 June 2027, 13:00–15:00 local.
    const period = { start: at('2027-06-02T11:00:00Z'), end: at('2027-06-02T13:00:00Z') };
    expect(openTimeRemoved(before, after, [], zone, period)).toEqual([period]);
    expect(openTimeRemoved(before, before, [], zone, period)).toEqual([]);
  });
});
