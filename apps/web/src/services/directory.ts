import type {
  ClusterDetail, ClusterInput, ClusterSummary, InvitationInput, MemberSummary, MembershipRole, OccupationInput, OccupationSummary, OrganisationDetail,
  OrganisationInput, OrganisationQuery, OrganisationSummary, OutboxPage, Page, Region, Sector, ShortageInput,
} from '@equipole/shared';
import { http } from './http';

/** The directory: organisations, their members, clusters, and the coordinators' reference data and outbox. */
export const directoryApi = {
  organisations: (query: OrganisationQuery = {}, signal?: AbortSignal) =>
    http.get<Page<OrganisationSummary>>('/organisations', {
      query: { search: query.search?.trim() || undefined, kind: query.kind, country: query.country, limit: query.limit ?? 200, offset: query.offset },
      signal,
    }),
  organisation: (id: string, signal?: AbortSignal) => http.get<OrganisationDetail>(`/organisations/${id}`, { signal }),
  createOrganisation: (input: OrganisationInput) => http.post<OrganisationDetail>('/organisations', input),
  updateOrganisation: (id: string, input: Partial<OrganisationInput>) => http.patch<OrganisationDetail>(`/organisations/${id}`, input),
  members: (id: string, signal?: AbortSignal) => http.get<MemberSummary[]>(`/organisations/${id}/members`, { signal }),
  invite: (id: string, input: InvitationInput) => http.post<MemberSummary[]>(`/organisations/${id}/invitations`, input),
  changeRole: (id: string, userId: string, role: MembershipRole) =>
    http.patch<MemberSummary[]>(`/organisations/${id}/members/${userId}`, { role }),
  removeMember: (id: string, userId: string) => http.delete(`/organisations/${id}/members/${userId}`),

  clusters: (signal?: AbortSignal) => http.get<ClusterSummary[]>('/clusters', { signal }),
  cluster: (id: string, signal?: AbortSignal) => http.get<ClusterDetail>(`/clusters/${id}`, { signal }),
  createCluster: (input: ClusterInput) => http.post<ClusterDetail>('/clusters', input),
  updateCluster: (id: string, input: Partial<ClusterInput>) => http.patch<ClusterDetail>(`/clusters/${id}`, input),
  addClusterMember: (id: string, organisationId: string) => http.post<ClusterDetail>(`/clusters/${id}/members`, { organisationId }),
  removeClusterMember: (id: string, organisationId: string) => http.delete(`/clusters/${id}/members/${organisationId}`),

  occupations: (query: { search?: string; sector?: Sector | null } = {}, signal?: AbortSignal) =>
    http.get<Page<OccupationSummary>>('/occupations', {
      query: { search: query.search?.trim() || undefined, sector: query.sector, limit: 200 },
      signal,
    }),
  createOccupation: (input: OccupationInput) => http.post<OccupationSummary>('/occupations', input),
  updateOccupation: (id: string, input: Partial<OccupationInput>) => http.patch<OccupationSummary>(`/occupations/${id}`, input),
  setShortage: (id: string, region: Region, input: ShortageInput) =>
    http.put<OccupationSummary>(`/occupations/${id}/shortages/${region}`, input),

  outbox: (query: { limit: number; offset: number }, signal?: AbortSignal) =>
    http.get<OutboxPage>('/outbox', { query, signal }),
};
