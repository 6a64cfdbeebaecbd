import { ErrorCode, type ApiErrorBody } from '@equipole/shared';
import { currentLocale } from '@/i18n';
import { CLOCK_HEADER, followServerClock } from './clock';

/** All API routes live under this prefix, on the same origin as the web app. */
export const API_BASE = '/api';

/** Error code used when no HTTP response arrived at all (offline, DNS, aborted connection). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/**
 * A request that did not succeed. `body` always has the API's error shape; when the
 * response was not one (proxy page, health report, network failure) it is synthesised
 * from the status, and the raw parsed response stays in `payload`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorBody['details'];
  readonly requestId: string;

  constructor(
    readonly body: ApiErrorBody,
    readonly payload: unknown = body,
  ) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  get isNetworkError(): boolean {
    return this.code === NETWORK_ERROR;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  /** Appended to the URL; `null` and `undefined` values are left out. */
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls `API_BASE + path` and resolves with the parsed JSON (undefined for an empty body). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    signal: options.signal,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    // Aborts are the caller's decision, not a failure to report.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      statusCode: 0,
      code: NETWORK_ERROR,
      message: error instanceof Error ? error.message : 'Network error',
      requestId: '',
    });
  }

  followServerClock(response.headers.get(CLOCK_HEADER));
  const payload = await readBody(response);
  if (!response.ok) throw new ApiError(toErrorBody(response, payload), payload);
  return payload as T;
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'DELETE' }),
};

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) if (item !== null && item !== undefined) params.append(key, String(item));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toErrorBody(response: Response, payload: unknown): ApiErrorBody {
  const requestId = response.headers.get('X-Request-Id') ?? '';
  if (isApiErrorBody(payload)) return { ...payload, requestId: payload.requestId || requestId };
  return {
    statusCode: response.status,
    code: fallbackCode(response.status),
    message: response.statusText || `HTTP ${response.status}`,
    requestId,
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.statusCode === 'number' && typeof body.code === 'string' && typeof body.message === 'string';
}

function fallbackCode(status: number): string {
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 400) return ErrorCode.MalformedRequest;
  if (status === 422) return ErrorCode.ValidationFailed;
  if (status === 429) return ErrorCode.TooManyRequests;
  if (status === 502 || status === 503 || status === 504) return ErrorCode.ServiceUnavailable;
  return ErrorCode.Internal;
}
