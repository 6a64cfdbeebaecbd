import type { AvailabilityView, Range, ResourceDetail, ResourceSearchPage, ResourceSearchParams } from '@equipole/shared';
import { http } from './http';

/** The public equipment catalogue: search, one item, and its free and busy time. */
export const catalogueApi = {
  search: (params: ResourceSearchParams, signal?: AbortSignal) => http.get<ResourceSearchPage>('/resources', { query: { ...params }, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<ResourceDetail>(`/resources/${encodeURIComponent(id)}`, { signal }),
  /** Opening hours minus closures, busy and free ranges between two instants (ISO). */
  availability: (id: string, range: Range, signal?: AbortSignal) =>
    http.get<AvailabilityView>(`/resources/${encodeURIComponent(id)}/availability`, { query: { ...range }, signal }),
};
