import { describe, expect, it } from 'vitest';
import { conflictsOf, findOverlaps, type TimedRequest } from './conflicts';

const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();
const request = (id: string, resourceId: string, start: string, end: string, overlapCount?: number): TimedRequest => ({ id, resourceId, start, end, overlapCount });

describe('findOverlaps', () => {
  it('links two requests of the same item whose periods overlap', () => {
    const overlaps = findOverlaps([request('a', 'r1', at(3, 8), at(3, 12)), request('b', 'r1', at(3, 11), at(3, 14))]);
    expect(overlaps.get('a')).toEqual(['b']);
    expect(overlaps.get('b')).toEqual(['a']);
  });

  it('ignores requests that only touch end to start', () => {
    expect(findOverlaps([request('a', 'r1', at(3, 8), at(3, 12)), request('b', 'r1', at(3, 12), at(3, 14))]).size).toBe(0);
  });

  it('ignores overlaps on different items', () => {
    expect(findOverlaps([request('a', 'r1', at(3, 8), at(3, 12)), request('b', 'r2', at(3, 9), at(3, 11))]).size).toBe(0);
  });

  it('finds every pair in a chain whatever the input order', () => {
    const overlaps = findOverlaps([
      request('c', 'r1', at(3, 13), at(3, 16)),
      request('a', 'r1', at(3, 8), at(3, 17)),
      request('b', 'r1', at(3, 9), at(3, 10)),
    ]);
    expect(overlaps.get('a')?.sort()).toEqual(['b', 'c']);
    expect(overlaps.get('b')).toEqual(['a']);
    expect(overlaps.get('c')).toEqual(['a']);
  });

  it('skips requests with unreadable or empty periods', () => {
    expect(findOverlaps([request('a', 'r1', 'not a date', at(3, 12)), request('b', 'r1', at(3, 9), at(3, 9)), request('c', 'r1', at(3, 8), at(3, 12))]).size).toBe(0);
  });
});

describe('conflictsOf', () => {
  it('reports listed overlaps and the overlaps the API counted, and nothing for free requests', () => {
    const conflicts = conflictsOf([
      request('a', 'r1', at(3, 8), at(3, 12)),
      request('b', 'r1', at(3, 10), at(3, 12)),
      request('c', 'r2', at(3, 8), at(3, 12), 1),
      request('d', 'r3', at(3, 8), at(3, 12), 0),
    ]);
    expect(conflicts.get('a')).toEqual({ overlapping: ['b'], reportedByApi: false });
    expect(conflicts.get('c')).toEqual({ overlapping: [], reportedByApi: true });
    expect(conflicts.has('d')).toBe(false);
  });
});
