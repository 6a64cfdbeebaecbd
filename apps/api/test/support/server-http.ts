/** HTTP calls to a spawned server (server-process.ts), as the web app makes them. */

/** The `Cookie` header of the session an answer opened. */
function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('equipole_session='));
  if (!cookie) throw new Error(`no session cookie in the answer (${response.status})`);
  return cookie.split(';')[0];
}

export async function signInOver(baseUrl: string, email: string, password: string): Promise<{ status: number; cookie?: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, cookie: response.status === 204 ? sessionCookie(response) : undefined };
}

/** What InvitationView.vue does with /invitation/:token: preview, then accept (which signs in). */
export async function acceptInvitationOver(baseUrl: string, token: string, name: string, password: string): Promise<{ preview: unknown; cookie: string }> {
  const previewResponse = await fetch(`${baseUrl}/api/auth/invitations/${token}`);
  if (previewResponse.status !== 200) throw new Error(`invitation preview answered ${previewResponse.status}`);
  const preview: unknown = await previewResponse.json();
  const response = await fetch(`${baseUrl}/api/auth/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name, password, locale: 'fr' }),
  });
  if (response.status !== 204) throw new Error(`accepting the invitation answered ${response.status}: ${await response.text()}`);
  return { preview, cookie: sessionCookie(response) };
}

export async function getJson<T>(baseUrl: string, path: string, cookie?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: (response.headers.get('content-type')?.includes('json') ? await response.json() : undefined) as T };
}

export async function postJson(baseUrl: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}
