import type { PrivacyNotice } from '@equipole/shared';
import { API_BASE, http } from './http';

/** The `/api/privacy` endpoints: the notice, the person's data export, closing one's account, a coordinator's erasure. */
export const privacyApi = {
  notice: (signal?: AbortSignal) => http.get<PrivacyNotice>('/privacy/notice', { signal }),
  /** Downloaded by the browser itself (a link), with the session cookie. */
  exportJsonUrl: `${API_BASE}/privacy/export`,
  exportHtmlUrl: `${API_BASE}/privacy/export.html`,
  closeAccount: (password: string) => http.post<void>('/privacy/close-account', { password }),
  /** A coordinator anonymises the account of someone who asked for it. */
  eraseUser: (userId: string) => http.post<void>(`/privacy/users/${encodeURIComponent(userId)}/erase`),
};
