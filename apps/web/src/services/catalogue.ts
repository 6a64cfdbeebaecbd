import type { AvailabilityView, Country, ResourceDetail, ResourceKind, ResourceSearchPage, Sector } from '@equipole/shared';
import { http } from './http';

export type CatalogueSort = 'relevance' | 'distance' | 'name';

/** What `GET /api/resources` accepts (SearchResourcesQuery in the API); empty values are left out. */
export interface ResourceSearchParams {
  q?: string;
  occupationId?: string;
  sector?: Sector;
  kind?: ResourceKind;
  clusterId?: string;
  organisationId?: string;
  country?: Country;
  /** A postcode, a town or "lat,lng". */
  near?: string;
  radiusKm?: number;
  /** ISO instants; both or neither. */
  freeFrom?: string;
  freeTo?: string;
  sort?: CatalogueSort;
  limit?: number;
  offset?: number;
}

/** The public equipment catalogue: search, one item, and its free and busy time. */
export const catalogueApi = {
  search: (params: ResourceSearchParams, signal?: AbortSignal) => http.get<ResourceSearchPage>('/resources', { query: { ...params }, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<ResourceDetail>(`/resources/${encodeURIComponent(id)}`, { signal }),
  /** Opening hours minus closures, busy and free ranges between two instants (ISO). */
  availability: (id: string, range: { from: string; to: string }, signal?: AbortSignal) =>
    http.get<AvailabilityView>(`/resources/${encodeURIComponent(id)}/availability`, { query: range, signal }),
};
