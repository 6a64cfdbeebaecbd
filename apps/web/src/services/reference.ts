import type { ClusterSummary, OccupationSummary, Page, Sector } from '@equipole/shared';
import { http } from './http';

/**
 * Reference lists that many pages need for their filters and forms (occupations, clusters).
 * Occupations are public; the list is small (about 60) and fetched in one page.
 */
export const referenceApi = {
  occupations: (query: { search?: string; sector?: Sector } = {}, signal?: AbortSignal) =>
    http.get<Page<OccupationSummary>>('/occupations', { query: { ...query, limit: 200 }, signal }),
  clusters: (signal?: AbortSignal) => http.get<ClusterSummary[]>('/clusters', { signal }),
};

let occupationsCache: Promise<OccupationSummary[]> | null = null;

/** The whole occupation catalogue, fetched once per page load (it changes rarely). */
export function allOccupations(): Promise<OccupationSummary[]> {
  occupationsCache ??= referenceApi.occupations().then(
    (page) => page.items,
    (error: unknown) => {
      occupationsCache = null;
      throw error;
    },
  );
  return occupationsCache;
}

/** Forget the cached catalogue (after a coordinator edits an occupation). */
export function forgetOccupations(): void {
  occupationsCache = null;
}
