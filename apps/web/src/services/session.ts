import type { CurrentUser, InvitationPreview, Locale, SessionSummary } from '@equipole/shared';
import { http } from './http';

/** The `/api/auth` endpoints: sign-in, profile, sessions, password reset, invitations. */
export const sessionApi = {
  /** `{ user: null }` when nobody is signed in. */
  current: () => http.get<{ user: CurrentUser | null }>('/auth/session'),
  me: () => http.get<CurrentUser>('/auth/me'),
  login: (email: string, password: string) => http.post<void>('/auth/login', { email, password }),
  logout: () => http.post<void>('/auth/logout'),
  updateProfile: (changes: { name?: string; locale?: Locale }) => http.patch<void>('/auth/me', changes),
  changePassword: (currentPassword: string, newPassword: string) => http.post<void>('/auth/password', { currentPassword, newPassword }),
  sessions: (signal?: AbortSignal) => http.get<SessionSummary[]>('/auth/sessions', { signal }),
  revokeSession: (id: string) => http.delete(`/auth/sessions/${encodeURIComponent(id)}`),
  requestPasswordReset: (email: string) => http.post<void>('/auth/password-reset', { email }),
  confirmPasswordReset: (token: string, password: string) => http.post<void>('/auth/password-reset/confirm', { token, password }),
  previewInvitation: (token: string, signal?: AbortSignal) => http.get<InvitationPreview>(`/auth/invitations/${encodeURIComponent(token)}`, { signal }),
  /** Sets the invited person's name and password; the answer's cookie signs them in. */
  acceptInvitation: (body: { token: string; name: string; password: string; locale?: Locale }) => http.post<void>('/auth/invitations/accept', body),
};
