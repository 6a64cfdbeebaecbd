import type { ClusterSummary, OccupationSummary, OrganisationSummary, Page, Sector } from '@equipole/shared';
import { http } from './http';

/**
 * Reference lists that many pages need for their filters and forms (occupations, clusters,
 * organisations); pages read them through the stores of `stores/reference.ts`, which fetch each once.
 * Occupations are public; the list is small (about 60) and fetched in one page.
 */
export const referenceApi = {
  occupations: (query: { search?: string; sector?: Sector } = {}, signal?: AbortSignal) =>
    http.get<Page<OccupationSummary>>('/occupations', { query: { ...query, limit: 200 }, signal }),
  clusters: (signal?: AbortSignal) => http.get<ClusterSummary[]>('/clusters', { signal }),
  organisations: (signal?: AbortSignal) => http.get<Page<OrganisationSummary>>('/organisations', { query: { limit: 200 }, signal }),
};
