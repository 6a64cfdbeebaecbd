import { describe, expect, it } from 'vitest';
import {
  addInterval, closeDay, copyMondayToWeekdays, emptyWeek, indexOfInterval, normalizeTime, removeInterval, toOpeningHours, toWeeklyHours,
  totalWeeklyMinutes, updateInterval,
} from './openingHours';

const SCHOOL = [
  { weekday: 1 as const, start: '13:00', end: '17:00' },
  { weekday: 1 as const, start: '08:00', end: '12:00' },
  { weekday: 3 as const, start: '08:00', end: '12:00' },
];

describe('opening hours editor model', () => {
  it('groups the API list by weekday, each day sorted by start', () => {
    const week = toWeeklyHours(SCHOOL);
    expect(week).toHaveLength(7);
    expect(week[0]).toEqual([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]);
    expect(week[1]).toEqual([]);
    expect(week[2]).toEqual([{ start: '08:00', end: '12:00' }]);
  });

  it('converts back to the API shape, Monday first, and round-trips', () => {
    const week = toWeeklyHours(SCHOOL);
    expect(toOpeningHours(week)).toEqual([
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 1, start: '13:00', end: '17:00' },
      { weekday: 3, start: '08:00', end: '12:00' },
    ]);
    expect(toWeeklyHours(toOpeningHours(week))).toEqual(week);
  });

  it('points an interval at the index the API uses in its field errors', () => {
    const week = toWeeklyHours(SCHOOL);
    expect(indexOfInterval(week, 1, 1)).toBe(1);
    expect(indexOfInterval(week, 3, 0)).toBe(2);
    const flat = toOpeningHours(week);
    expect(flat[indexOfInterval(week, 3, 0)]).toEqual({ weekday: 3, start: '08:00', end: '12:00' });
  });

  it('adds a morning on an empty day and an afternoon after the last interval', () => {
    let week = addInterval(emptyWeek(), 2);
    expect(week[1]).toEqual([{ start: '08:00', end: '12:00' }]);
    week = addInterval(week, 2);
    expect(week[1]).toEqual([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]);
    expect(addInterval([[{ start: '20:00', end: '23:30' }], [], [], [], [], [], []], 1)[0][1]).toEqual({ start: '23:00', end: '24:00' });
  });

  it('removes and updates one interval without touching the others (and without mutating)', () => {
    const week = toWeeklyHours(SCHOOL);
    const removed = removeInterval(week, 1, 0);
    expect(removed[0]).toEqual([{ start: '13:00', end: '17:00' }]);
    expect(week[0]).toHaveLength(2);
    const updated = updateInterval(week, 3, 0, { end: '12:30' });
    expect(updated[2]).toEqual([{ start: '08:00', end: '12:30' }]);
    expect(week[2][0].end).toBe('12:00');
  });

  it('copies Monday to Tuesday–Friday and leaves the weekend alone', () => {
    const week = toWeeklyHours([...SCHOOL, { weekday: 6, start: '09:00', end: '12:00' }]);
    const copied = copyMondayToWeekdays(week);
    for (const day of [1, 2, 3, 4]) expect(copied[day]).toEqual(week[0]);
    expect(copied[5]).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(copied[6]).toEqual([]);
    copied[1][0].start = '07:00';
    expect(copied[0][0].start).toBe('08:00');
    expect(toOpeningHours(copied)).toHaveLength(11);
  });

  it('closes a day and counts the weekly opening time', () => {
    const week = copyMondayToWeekdays(toWeeklyHours(SCHOOL));
    expect(totalWeeklyMinutes(week)).toBe(5 * 8 * 60);
    expect(totalWeeklyMinutes(closeDay(week, 5))).toBe(4 * 8 * 60);
  });

  it('tidies typed times and leaves nonsense for the checks to flag', () => {
    expect(normalizeTime('8')).toBe('08:00');
    expect(normalizeTime('8h30')).toBe('08:30');
    expect(normalizeTime('17.15')).toBe('17:15');
    expect(normalizeTime(' 13:00 ')).toBe('13:00');
    expect(normalizeTime('24:00')).toBe('24:00');
    expect(normalizeTime('25:00')).toBe('25:00');
    expect(normalizeTime('midi')).toBe('midi');
  });
});
