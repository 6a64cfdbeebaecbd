import { describe, expect, it } from 'vitest';
import { allocate, drawOrder, fnv1a, type AllocationRequest, type CandidateSlot } from './campaigns';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Mornings and afternoons of `days` consecutive days (weekday 1 on day 0) on one item. */
function slots(resourceId: string, days: number): CandidateSlot[] {
  return Array.from({ length: days }, (_, d) => [8, 13].map((hour): CandidateSlot => {
    const start = d * DAY + hour * HOUR;
    return { resourceId, start, end: start + 4 * HOUR, blockedStart: start, blockedEnd: start + 4 * HOUR, weekday: (d % 7) + 1, part: hour < 12 ? 'morning' : 'afternoon' };
  })).flat();
}

function request(id: string, organisationId: string, sessions: number, extra: Partial<AllocationRequest> = {}): AllocationRequest {
  return {
    id, organisationId, classKey: `${organisationId}|secondary|5|`, resourceIds: ['item'], sessions, priority: 1, createdAt: 0,
    preferredWeekdays: [], preferredPart: 'any', earliest: null, latest: null, ...extra,
  };
}

const count = (result: ReturnType<typeof allocate>, organisationId: string, requests: AllocationRequest[]) =>
  result.allocations.filter((a) => requests.find((r) => r.id === a.requestId)!.organisationId === organisationId).length;

describe('campaign allocation', () => {
  it('draws the order from the seed alone, whatever order the requests come in', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(drawOrder('s1', ['a', 'b', 'c'])).toEqual(drawOrder('s1', ['c', 'a', 'b', 'a']));
    const orders = new Set(['1', '2', '3', '4', '5', '6', '7', '8'].map((seed) => drawOrder(seed, ['a', 'b', 'c']).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('shares a scarce item evenly (at most one session apart) and is reproducible from its seed', () => {
    const requests = [request('a1', 'A', 10), request('b1', 'B', 10), request('b2', 'B', 10, { priority: 2 }), request('c1', 'C', 1)];
    const input = { seed: 'published-seed', requests, slots: slots('item', 4), caps: { perOrganisation: null, perClass: null } };
    const result = allocate(input);
    expect(result.allocations).toHaveLength(8);
    expect(count(result, 'C', requests)).toBe(1);
    const [a, b] = [count(result, 'A', requests), count(result, 'B', requests)];
    expect(a + b).toBe(7);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    // B's second request gets nothing while its first still can: priority is the organisation's own.
    expect(result.allocations.some((x) => x.requestId === 'b2')).toBe(false);
    expect(allocate({ ...input, requests: [...requests].reverse(), slots: [...input.slots].reverse() })).toEqual(result);
    expect(result.outcomes.find((o) => o.requestId === 'a1')).toMatchObject({ unmet: 10 - a, reason: 'no_slot' });
  });

  it('never exceeds the caps per organisation and per class', () => {
    const requests = [
      request('a1', 'A', 5), request('a2', 'A', 5, { classKey: 'A|secondary|6|' }), request('b1', 'B', 5),
    ];
    const result = allocate({ seed: 'x', requests, slots: slots('item', 10), caps: { perOrganisation: 4, perClass: 3 } });
    expect(count(result, 'A', requests)).toBe(4);
    expect(result.allocations.filter((x) => x.requestId === 'a1')).toHaveLength(3);
    expect(count(result, 'B', requests)).toBe(3);
    expect(result.outcomes.map((o) => [o.requestId, o.allocated, o.reason])).toEqual([['a1', 3, 'cap'], ['a2', 1, 'cap'], ['b1', 3, 'cap']]);
  });

  it('prefers the requested weekdays and part of day, then the earliest slot, and respects buffers', () => {
    const requests = [request('a1', 'A', 2, { preferredWeekdays: [3], preferredPart: 'afternoon' })];
    const result = allocate({ seed: 'x', requests, slots: slots('item', 7), caps: { perOrganisation: null, perClass: null } });
    // Wednesday afternoon first, then Wednesday morning (weekday kept) before any Monday afternoon; the result lists them by time.
    expect(result.allocations.map((a) => a.start)).toEqual([2 * DAY + 8 * HOUR, 2 * DAY + 13 * HOUR]);
    // A slot whose buffers overlap one already given is not given too.
    const overlapping = slots('item', 1).map((s) => ({ ...s, blockedEnd: s.end + 2 * HOUR }));
    overlapping[1] = { ...overlapping[1], blockedStart: overlapping[1].start - 2 * HOUR };
    const tight = allocate({ seed: 'x', requests: [request('a1', 'A', 2)], slots: overlapping, caps: { perOrganisation: null, perClass: null } });
    expect(tight.allocations).toHaveLength(1);
  });
});
