import {
  ErrorCode,
  type AffectedBookingsOutcome, type BookingRules, type ClosureInput, type ClosureView, type CredentialGrantView, type CredentialInput, type CredentialSummary,
  type GrantInput, type ItemQuestion, type OrganisationDetail, type QuestionInput, type ResourceDetail, type ResourceInput, type ResourceSearchPage,
  type ResourceStatus, type ResourceUpdate, type SiteInput, type SiteSummary,
} from '@equipole/shared';
import { currentLocale } from '@/i18n';
import { ApiError, buildUrl, http, isApiErrorBody, NETWORK_ERROR } from './http';

/** The photo formats and size the API accepts (it checks the bytes; this only spares a useless upload). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** What a partner manages: their equipment with its rules, sites and their closures, safety credentials. */
export const partnerApi = {
  resources: (organisationId: string, signal?: AbortSignal) =>
    http.get<ResourceSearchPage>('/resources', { query: { organisationId, includeInactive: true, sort: 'name', limit: 100 }, signal }),
  resource: (id: string, signal?: AbortSignal) => http.get<ResourceDetail>(`/resources/${id}`, { signal }),
  createResource: (input: ResourceInput) => http.post<ResourceDetail>('/resources', input),
  updateResource: (id: string, input: ResourceUpdate) => http.patch<ResourceDetail>(`/resources/${id}`, input),
  setStatus: (id: string, status: ResourceStatus) => http.post<ResourceDetail>(`/resources/${id}/status`, { status }),
  uploadPhoto: (id: string, file: File, altText: string) => uploadPhoto(id, file, altText),
  questions: (id: string, signal?: AbortSignal) => http.get<ItemQuestion[]>(`/resources/${id}/questions`, { signal }),
  saveQuestions: (id: string, questions: QuestionInput[]) => http.put<ItemQuestion[]>(`/resources/${id}/questions`, { questions }),
  deletePhoto: (id: string, photoId: string) => http.delete(`/resources/${id}/photos/${photoId}`),

  organisation: (id: string, signal?: AbortSignal) => http.get<OrganisationDetail>(`/organisations/${id}`, { signal }),

  sites: (organisationId: string, signal?: AbortSignal) => http.get<SiteSummary[]>(`/organisations/${organisationId}/sites`, { signal }),
  createSite: (organisationId: string, input: SiteInput) => http.post<SiteSummary>(`/organisations/${organisationId}/sites`, input),
  updateSite: (id: string, input: Partial<SiteInput>) => http.patch<SiteSummary>(`/sites/${id}`, input),
  siteDefaults: (siteId: string, signal?: AbortSignal) => http.get<BookingRules>(`/sites/${siteId}/default-rules`, { signal }),
  setSiteDefaults: (siteId: string, rules: BookingRules) => http.put<BookingRules>(`/sites/${siteId}/default-rules`, rules),

  siteClosures: (siteId: string, signal?: AbortSignal) => http.get<ClosureView[]>(`/sites/${siteId}/closures`, { signal }),
  addClosure: (scope: 'site' | 'resource', id: string, input: ClosureInput) =>
    http.post<ClosureView & { affectedBookings?: AffectedBookingsOutcome }>(`/${scope === 'site' ? 'sites' : 'resources'}/${id}/closures`, input),
  deleteClosure: (closureId: string) => http.delete(`/closures/${closureId}`),

  credentials: (organisationId: string, signal?: AbortSignal) =>
    http.get<CredentialSummary[]>(`/organisations/${organisationId}/credentials`, { signal }),
  createCredential: (organisationId: string, input: CredentialInput) =>
    http.post<CredentialSummary>(`/organisations/${organisationId}/credentials`, input),
  grants: (credentialId: string, signal?: AbortSignal) => http.get<CredentialGrantView[]>(`/credentials/${credentialId}/grants`, { signal }),
  grant: (credentialId: string, input: GrantInput) => http.post<CredentialGrantView[]>(`/credentials/${credentialId}/grants`, input),
  revoke: (credentialId: string, grantId: string) => http.delete(`/credentials/${credentialId}/grants/${grantId}`),
};

function uploadPhoto(resourceId: string, file: File, altText: string): Promise<{ id: string; url: string }> {
  return uploadFile(`/resources/${resourceId}/photos`, file, altText.trim() ? { altText: altText.trim() } : {});
}

/** Multipart upload of one file as `file` (the JSON helper cannot send a file); errors come back as the same ApiError. */
export async function uploadFile<T>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  let response: Response;
  try {
    response = await fetch(buildUrl(path), {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': currentLocale() },
    });
  } catch (error) {
    throw new ApiError({ statusCode: 0, code: NETWORK_ERROR, message: error instanceof Error ? error.message : 'Network error', requestId: '' });
  }
  const text = await response.text();
  let payload: unknown = text;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's page): reported below by status.
  }
  if (!response.ok) {
    throw new ApiError(
      isApiErrorBody(payload)
        ? payload
        : { statusCode: response.status, code: response.status === 413 ? ErrorCode.PayloadTooLarge : ErrorCode.Internal, message: response.statusText, requestId: '' },
      payload,
    );
  }
  return payload as T;
}
