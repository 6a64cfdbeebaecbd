/**
 * Which pending requests compete for the same item at the same time. The database refuses two
 * overlapping pending or confirmed bookings of one item, so on live data this mostly reports the
 * API's own `overlapCount`; the client-side check keeps the inbox honest when the rule or the data
 * changes (imports, a buffer edited after the requests came in).
 */

export interface TimedRequest {
  id: string;
  resourceId: string;
  /** ISO instants; the period is half-open: [start, end). */
  start: string;
  end: string;
  /** Other pending/confirmed bookings overlapping this one, as the API counted them (optional). */
  overlapCount?: number;
}

/** Maps every request that overlaps another request of the same item to the ids of those others. */
export function findOverlaps(requests: readonly TimedRequest[]): Map<string, string[]> {
  const byResource = new Map<string, { id: string; start: number; end: number }[]>();
  for (const request of requests) {
    const start = Date.parse(request.start);
    const end = Date.parse(request.end);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) continue;
    const list = byResource.get(request.resourceId) ?? [];
    list.push({ id: request.id, start, end });
    byResource.set(request.resourceId, list);
  }

  const overlaps = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    overlaps.set(a, [...(overlaps.get(a) ?? []), b]);
  };
  for (const list of byResource.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    // Sweep: each request only needs comparing with the later ones that start before it ends.
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].start < list[i].end; j++) {
        if (list[i].id === list[j].id) continue;
        link(list[i].id, list[j].id);
        link(list[j].id, list[i].id);
      }
    }
  }
  return overlaps;
}

export interface ConflictInfo {
  /** Ids of the other listed requests that overlap this one on the same item. */
  overlapping: string[];
  /** The API saw overlapping bookings this list may not show (another page, a confirmed booking). */
  reportedByApi: boolean;
}

/** Conflicts per request id; requests without any are left out. */
export function conflictsOf(requests: readonly TimedRequest[]): Map<string, ConflictInfo> {
  const overlaps = findOverlaps(requests);
  const conflicts = new Map<string, ConflictInfo>();
  for (const request of requests) {
    const overlapping = overlaps.get(request.id) ?? [];
    const reportedByApi = (request.overlapCount ?? 0) > 0;
    if (overlapping.length > 0 || reportedByApi) conflicts.set(request.id, { overlapping, reportedByApi });
  }
  return conflicts;
}
