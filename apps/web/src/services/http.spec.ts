import { ErrorCode } from '@equipole/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLocale } from '@/i18n';
import { ApiError, buildUrl, http, NETWORK_ERROR, request } from './http';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

const fetchMock = vi.fn<typeof fetch>();

function lastCall(): { url: string; init: RequestInit; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.calls.at(-1)!;
  return { url: String(url), init: init!, headers: init!.headers as Record<string, string> };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('http client', () => {
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    applyLocale('fr');
  });

  afterEach(() => {
    applyLocale('fr');
  });

  describe('requests', () => {
    it('calls the API under /api with JSON, same-origin credentials and the interface language', async () => {
      fetchMock.mockResolvedValue(jsonResponse(200, { id: 'r1' }));
      applyLocale('nl');

      await expect(http.get('/resources/r1')).resolves.toEqual({ id: 'r1' });

      const { url, init, headers } = lastCall();
      expect(url).toBe('/api/resources/r1');
      expect(init.method).toBe('GET');
      expect(init.credentials).toBe('same-origin');
      expect(headers.Accept).toBe('application/json');
      expect(headers['Accept-Language']).toBe('nl');
    });

    it('sends a body as JSON', async () => {
      fetchMock.mockResolvedValue(jsonResponse(201, { id: 'b1' }));

      await http.post('/bookings', { resourceId: 'r1', participants: 12 });

      const { init, headers } = lastCall();
      expect(init.method).toBe('POST');
      expect(headers['Content-Type']).toBe('application/json');
      expect(init.body).toBe('{"resourceId":"r1","participants":12}');
    });

    it('resolves with undefined for 204 No Content', async () => {
      fetchMock.mockResolvedValue(new Response(null, { status: 204 }));

      await expect(http.delete('/bookings/b1')).resolves.toBeUndefined();
    });

    it('builds query strings without empty values and with repeated keys for lists', () => {
      expect(buildUrl('resources', { q: 'soudure', sector: ['industry', 'energy'], page: 2, site: undefined, region: null })).toBe(
        '/api/resources?q=soudure&sector=industry&sector=energy&page=2',
      );
      expect(buildUrl('/health', {})).toBe('/api/health');
    });
  });

  describe('errors', () => {
    it('turns the API error body into an ApiError', async () => {
      const body = {
        statusCode: 422,
        code: ErrorCode.ValidationFailed,
        message: 'Certaines données sont invalides.',
        details: [{ field: 'participants', constraint: 'min', message: 'Doit être au moins 1.' }],
        requestId: 'req-42',
      };
      fetchMock.mockResolvedValue(jsonResponse(422, body, { 'X-Request-Id': 'req-42' }));

      const error = await caught(http.post('/bookings', {}));

      expect(error.status).toBe(422);
      expect(error.code).toBe(ErrorCode.ValidationFailed);
      expect(error.message).toBe('Certaines données sont invalides.');
      expect(error.details).toEqual(body.details);
      expect(error.requestId).toBe('req-42');
      expect(error.body).toEqual(body);
      expect(error.isNetworkError).toBe(false);
    });

    it('keeps the API error code for a conflict', async () => {
      fetchMock.mockResolvedValue(
        jsonResponse(409, { statusCode: 409, code: ErrorCode.Conflict, message: 'Créneau déjà pris.', requestId: 'req-7' }),
      );

      const error = await caught(request('/bookings', { method: 'POST', body: {} }));

      expect(error.status).toBe(409);
      expect(error.code).toBe(ErrorCode.Conflict);
      expect(error.details).toBeUndefined();
    });

    it('synthesises an error body when the response is not the API’s (proxy page)', async () => {
      fetchMock.mockResolvedValue(
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'edge-1' },
        }),
      );

      const error = await caught(http.get('/resources'));

      expect(error.status).toBe(502);
      expect(error.code).toBe(ErrorCode.ServiceUnavailable);
      expect(error.message).toBe('Bad Gateway');
      expect(error.requestId).toBe('edge-1');
      expect(error.payload).toBe('<html>Bad gateway</html>');
    });

    it.each([
      [401, ErrorCode.Unauthenticated],
      [403, ErrorCode.Forbidden],
      [404, ErrorCode.NotFound],
      [400, ErrorCode.MalformedRequest],
      [429, ErrorCode.TooManyRequests],
      [500, ErrorCode.Internal],
    ])('maps a bare %i to %s', async (status, code) => {
      fetchMock.mockResolvedValue(new Response('', { status }));

      const error = await caught(http.get('/anything'));

      expect(error.status).toBe(status);
      expect(error.code).toBe(code);
    });

    it('keeps a JSON body that is not an API error as payload', async () => {
      const report = { status: 'error', database: 'down', embedded: true, version: '0.1.0' };
      fetchMock.mockResolvedValue(jsonResponse(503, report));

      const error = await caught(http.get('/health'));

      expect(error.code).toBe(ErrorCode.ServiceUnavailable);
      expect(error.payload).toEqual(report);
    });

    it('reports a network failure as an ApiError with status 0', async () => {
      fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

      const error = await caught(http.get('/resources'));

      expect(error.status).toBe(0);
      expect(error.code).toBe(NETWORK_ERROR);
      expect(error.isNetworkError).toBe(true);
    });

    it('lets an abort through untouched', async () => {
      fetchMock.mockRejectedValue(new DOMException('The operation was aborted.', 'AbortError'));

      await expect(http.get('/resources')).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
});
