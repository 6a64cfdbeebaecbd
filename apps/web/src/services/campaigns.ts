import type { CampaignDetail, CampaignView, ClassDetails, DayPart } from '@equipole/shared';
import { http } from './http';

/** What a school sends for one request (POST/PUT /campaigns/:id/requests). */
export interface CampaignRequestInput {
  organisationId: string;
  resourceId?: string;
  resourceKind?: string;
  sessions: number;
  priority: number;
  preferredWeekdays: number[];
  preferredPart: DayPart;
  pupils: number;
  class: ClassDetails;
  notes?: string | null;
}

export const campaignsApi = {
  list: (signal?: AbortSignal) => http.get<CampaignView[]>('/campaigns', { signal }),
  get: (id: string, signal?: AbortSignal) => http.get<CampaignDetail>(`/campaigns/${id}`, { signal }),
  submit: (id: string, input: CampaignRequestInput) => http.post<CampaignDetail>(`/campaigns/${id}/requests`, input),
  withdraw: (id: string, requestId: string) => http.delete(`/campaigns/${id}/requests/${requestId}`),
  close: (id: string) => http.post<CampaignDetail>(`/campaigns/${id}/closing`),
  run: (id: string, seed?: string) => http.post<CampaignDetail>(`/campaigns/${id}/allocation`, seed ? { seed } : {}),
  addAllocation: (id: string, input: { requestId: string; resourceId: string; start: string; end: string }) =>
    http.post<CampaignDetail>(`/campaigns/${id}/allocations`, input),
  removeAllocation: (id: string, allocationId: string) => http.delete(`/campaigns/${id}/allocations/${allocationId}`),
  publish: (id: string) => http.post<CampaignDetail>(`/campaigns/${id}/publication`),
  copy: (id: string) => http.post<CampaignDetail>(`/campaigns/${id}/copy`, {}),
};
