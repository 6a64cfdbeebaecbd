import type { CampaignDetail, CampaignInput, CampaignRequestInput, CampaignView, Period, ResourceSearchPage } from '@equipole/shared';
import { http } from './http';

export const campaignsApi = {
  list: (signal?: AbortSignal) => http.get<CampaignView[]>('/campaigns', { signal }),
  create: (input: CampaignInput) => http.post<CampaignDetail>('/campaigns', input),
  get: (id: string, signal?: AbortSignal) => http.get<CampaignDetail>(`/campaigns/${id}`, { signal }),
  submit: (id: string, input: CampaignRequestInput) => http.post<CampaignDetail>(`/campaigns/${id}/requests`, input),
  withdraw: (id: string, requestId: string) => http.delete(`/campaigns/${id}/requests/${requestId}`),
  close: (id: string) => http.post<CampaignDetail>(`/campaigns/${id}/closing`),
  run: (id: string, seed?: string) => http.post<CampaignDetail>(`/campaigns/${id}/allocation`, seed ? { seed } : {}),
  addAllocation: (id: string, input: Period & { requestId: string; resourceId: string }) =>
    http.post<CampaignDetail>(`/campaigns/${id}/allocations`, input),
  removeAllocation: (id: string, allocationId: string) => http.delete(`/campaigns/${id}/allocations/${allocationId}`),
  publish: (id: string) => http.post<CampaignDetail>(`/campaigns/${id}/publication`),
  copy: (id: string) => http.post<CampaignDetail>(`/campaigns/${id}/copy`, {}),
  /** The items offered in a cluster, of every partner (under maintenance included): what a cluster's campaign may offer. */
  clusterItems: (clusterId: string, signal?: AbortSignal) =>
    http.get<ResourceSearchPage>('/resources', { query: { clusterId, includeInactive: true, sort: 'name', limit: 100 }, signal }),
};
