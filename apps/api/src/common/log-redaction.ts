/** What a secret in a logged URL is replaced by. */
export const REDACTED = '[REDACTED]';

/**
 * Path segments that are secrets: the calendar feed token (`/api/feeds/<token>.ics`), the invitation
 * token the API previews (`/api/auth/invitations/<token>`) and the web pages of invitation and
 * password-reset links (`/invitation/<token>`, `/reset-password/<token>`), and a site's door display
 * (`/api/displays/<token>`, `/display/<token>`). Express matches routes
 * without regard to case, so neither does this.
 */
const SECRET_SEGMENT = /(^|\/)(feeds|invitations|invitation|reset-password|displays|display)\/([^/?#]+)/gi;
/** A segment that is a route of its own, not a token (`POST /api/auth/invitations/accept`). */
const NOT_SECRET = new Set(['accept']);
/** Query parameters that may carry a secret, whichever route they are sent to. */
const SECRET_PARAMETER = /^(token|key|secret|password|code|signature|sig|access_token|refresh_token|session)$/i;

/** A request URL (path and query string) as it may be logged: token segments and secret parameters replaced. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const redactedPath = path.replace(SECRET_SEGMENT, (whole, lead: string, name: string, segment: string) => {
    if (NOT_SECRET.has(segment.toLowerCase())) return whole;
    const extension = /\.ics$/i.exec(segment)?.[0] ?? '';
    return `${lead}${name}/${REDACTED}${extension}`;
  });
  if (queryAt === -1) return redactedPath;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judge the name as it was sent.
      }
      return equals !== -1 && SECRET_PARAMETER.test(decoded.trim()) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${redactedPath}?${query}`;
}

interface SerializedRequest {
  url?: string;
  query?: unknown;
  params?: unknown;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * pino-http's request serializer (it receives pino's serialized request): the URL and the Referer
 * redacted, and the route's params and parsed query left out, since they repeat the URL's secrets.
 * Copies, never mutates, what refers to the live request.
 */
export function redactRequest(request: SerializedRequest): SerializedRequest {
  const { query: _query, params: _params, ...rest } = request;
  const headers = request.headers && typeof request.headers.referer === 'string'
    ? { ...request.headers, referer: redactUrl(request.headers.referer) }
    : request.headers;
  return { ...rest, ...(typeof request.url === 'string' ? { url: redactUrl(request.url) } : {}), ...(headers ? { headers } : {}) };
}
