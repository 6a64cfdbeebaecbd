import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { atMinutes, buildWeekGrid, dayClock, startOfWeek } from './weekGrid';

const ZONE = 'Europe/Brussels';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toUTC().toISO()!;
const span = (start: string, end: string) => ({ start: at(start), end: at(end) });

describe('week availability grid', () => {
  const monday = DateTime.fromISO('2026-03-02T00:00', { zone: ZONE });

  it('starts the week on the Monday of the given instant, in the site’s zone', () => {
    expect(startOfWeek(Date.parse('2026-03-08T23:30:00Z'), ZONE).toISO()).toBe('2026-03-09T00:00:00.000+01:00');
    expect(startOfWeek(Date.parse('2026-03-04T12:00:00Z'), ZONE).toISODate()).toBe('2026-03-02');
  });

  it('marks each hour of the week free, partly free, taken, closed or past', () => {
    const availability = {
      open: [span('2026-03-02T08:00', '2026-03-02T12:00'), span('2026-03-03T08:00', '2026-03-03T10:00'), span('2026-03-04T09:00', '2026-03-04T11:00')],
      free: [span('2026-03-02T08:00', '2026-03-02T12:00'), span('2026-03-03T08:30', '2026-03-03T09:00')],
    };
    const now = Date.parse(at('2026-03-02T10:00'));

    const grid = buildWeekGrid(availability, monday, now);

    expect(grid.days.map((day) => day.toISODate())).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(grid.rows.map((row) => [row.startMinutes, row.endMinutes])).toEqual([
      [480, 540],
      [540, 600],
      [600, 660],
      [660, 720],
    ]);
    expect(grid.rows.map((row) => row.cells.slice(0, 4))).toEqual([
      ['past', 'partly', 'closed', 'closed'],
      ['past', 'taken', 'taken', 'closed'],
      ['free', 'closed', 'taken', 'closed'],
      ['free', 'closed', 'closed', 'closed'],
    ]);
  });

  it('has no rows when nothing opens during the week', () => {
    expect(buildWeekGrid({ open: [], free: [] }, monday, 0).rows).toEqual([]);
  });

  it('keeps wall-clock hours across the change to summer time', () => {
    const week = DateTime.fromISO('2026-03-23T00:00', { zone: ZONE });
    const availability = { open: [span('2026-03-29T08:00', '2026-03-29T10:00')], free: [span('2026-03-29T08:00', '2026-03-29T10:00')] };

    const grid = buildWeekGrid(availability, week, 0);

    expect(grid.rows.map((row) => [row.startMinutes, row.cells[6]])).toEqual([
      [480, 'free'],
      [540, 'free'],
    ]);
  });

  it('rounds the rows to whole steps and runs to midnight when a day closes at 24:00', () => {
    const availability = { open: [span('2026-03-02T21:30', '2026-03-03T00:00')], free: [] };

    const grid = buildWeekGrid(availability, monday, 0);

    expect(grid.rows.map((row) => [row.startMinutes, row.endMinutes, row.cells[0]])).toEqual([
      [1260, 1320, 'taken'],
      [1320, 1380, 'taken'],
      [1380, 1440, 'taken'],
    ]);
  });

  it('finds the same instants as the zone rules on every day, changes of offset included', () => {
    const weeks = ['2026-03-23', '2026-03-30', '2026-08-31', '2026-09-28', '2026-10-19', '2026-10-26'];
    for (const zone of [ZONE, 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
      for (const week of weeks) {
        for (let index = 0; index < 7; index += 1) {
          const day = DateTime.fromISO(week, { zone }).plus({ days: index }).startOf('day');
          const clock = dayClock(day);
          for (let minutes = 0; minutes <= 24 * 60; minutes += 30) expect(clock(minutes), `${zone} ${day.toISO()} +${minutes} min`).toBe(atMinutes(day, minutes));
        }
      }
    }
  });
});
